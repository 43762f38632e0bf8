package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.quic.InitialSealer;

/**
 * The QUIC dissector on the RFCs' Initial packets (RFC 9001 and RFC 9369 Appendix A: protected by
 * the RFCs' authors, decrypted here) and on Initials made by {@link InitialSealer} with hostile or
 * unusual content: a bad tag, CRYPTO frames out of order or past the packet, a ClientHello whose
 * lengths lie or that goes on in the next packet, a frame an Initial may not carry. Every one
 * gives a status, never an exception. (tshark's view of the corpus's QUIC captures is the oracle's.)
 */
class QuicDissectorTest {
    private static final int V1 = 1, V2 = 0x6b3343cf;
    private static final String CLIENT_HEADER = "c300000001088394c8f03e5157080000449e00000002";
    private final Decoder decoder = new Decoder();

    private AppDecoded udp(int src, int dst, String payload) {
        return AppDecoded.of(decoder, AppFixtures.udp(src, dst, payload));
    }

    private AppDecoded reply(int src, int dst, String payload) {
        return AppDecoded.of(decoder, AppFixtures.udpReply(src, dst, payload));
    }

    @Test
    void rfc9001ClientInitialDecryptsToItsClientHello() {
        AppDecoded d = udp(40000, 443, QuicVectors.V1_CLIENT_INITIAL);
        assertEquals(Status.OK, d.s().status, d.s().reasonText());
        assertEquals("quic", d.s().app.name());
        assertEquals("1", d.one("quic.version"));
        assertEquals("0", d.one("quic.long.packet_type"));
        assertEquals("8394c8f03e515708", d.one("quic.dcid"));
        assertEquals("0", d.one("quic.scil"));
        assertEquals("1182", d.one("quic.length"));
        assertEquals("2", d.one("quic.packet_number"));
        assertEquals(List.of("6", "0"), d.all("quic.frame_type"));
        assertEquals("1", d.one("tls.handshake.type"));
        assertEquals("771", d.one("tls.handshake.version"));
        assertEquals(List.of("4865", "4866"), d.all("tls.handshake.ciphersuite"));
        assertEquals("example.com", d.one("tls.handshake.extensions_server_name"));
        assertEquals("alpn", d.one("tls.handshake.extensions_alpn_str"));
        assertEquals("772", d.one("tls.handshake.extensions.supported_version"));
        assertEquals("0,65281,10,16,5,51,43,13,45,28,57", d.one("tls.handshake.extension.type"));
        assertEquals("IP 10.0.0.1.40000 > 10.0.0.2.443: UDP, length 1200: quic, initial, dcid 8394c8f03e515708,"
                + " length 1182, TLS ClientHello SNI=example.com ALPN=alpn", d.text());
        assertEquals("Initial, DCID=8394c8f03e515708, PKN: 2, CRYPTO, PADDING, Client Hello (SNI=example.com)", d.info());
    }

    @Test
    void theServersInitialOpensWithTheKeysOfItsClientsConnectionId() {
        AppDecoded alone = reply(443, 40000, QuicVectors.V1_SERVER_INITIAL);
        assertEquals(Status.OK, alone.s().status);
        assertEquals("", alone.one("quic.packet_number")); // no client Initial seen: no keys, no attempt
        assertEquals("", alone.one("quic.decryption_failed"));
        assertEquals("quic, initial, scid f067a5502a4262b5, length 117", alone.suffix());

        udp(40000, 443, QuicVectors.V1_CLIENT_INITIAL);
        AppDecoded d = reply(443, 40000, QuicVectors.V1_SERVER_INITIAL);
        assertEquals(Status.OK, d.s().status, d.s().reasonText());
        assertEquals("1", d.one("quic.packet_number"));
        assertEquals(List.of("2", "6"), d.all("quic.frame_type"));
        assertEquals("2", d.one("tls.handshake.type"));
        assertEquals("4865", d.one("tls.handshake.ciphersuite"));
        assertEquals("772", d.one("tls.handshake.extensions.supported_version"));
        assertEquals("quic, initial, scid f067a5502a4262b5, length 117, TLS ServerHello TLSv1.3 TLS_AES_128_GCM_SHA256",
                d.suffix());
        assertEquals("Initial, SCID=f067a5502a4262b5, PKN: 1, ACK, CRYPTO, Server Hello", d.info());
    }

    @Test
    void version2OnAnyPortByTheHeuristic() {
        AppDecoded c = udp(40002, 4433, QuicVectors.V2_CLIENT_INITIAL);
        assertEquals("quic", c.s().app.name());
        assertEquals(String.valueOf(V2), c.one("quic.version"));
        assertEquals("1", c.one("quic.long.packet_type_v2"));
        assertEquals("", c.one("quic.long.packet_type"));
        assertEquals("example.com", c.one("tls.handshake.extensions_server_name"));
        assertEquals("quic, initial, v6b3343cf, dcid 8394c8f03e515708, length 1182, TLS ClientHello SNI=example.com"
                + " ALPN=alpn", c.suffix());
        AppDecoded s = reply(4433, 40002, QuicVectors.V2_SERVER_INITIAL);
        assertEquals("2", s.one("tls.handshake.type"));
        assertEquals("1", s.one("quic.packet_number"));
    }

    @Test
    void aCaptureCutInsideAConnectionIdIsTruncated() {
        Fixtures.Fixture f = AppFixtures.udp(40012, 443, "c0" + "00000001" + "08" + "0102030405060708" + "00" + "00" + "00");
        AppDecoded d = AppDecoded.of(decoder, f, 14 + 20 + 8 + 8); // 2 of the DCID's 8 bytes captured
        assertEquals(Status.TRUNCATED, d.s().status);
        assertEquals("quic", d.s().reason);
        assertEquals("", d.one("quic.dcid"));
        assertEquals("1", d.one("quic.version"));
        assertTrue(d.text().endsWith("quic, initial [|quic]"), d.text());
    }

    @Test
    void decodeAsReachesWhatTheHeuristicCannot() {
        String shortHeader = "41" + "0102030405060708" + "00".repeat(30);
        assertEquals(null, udp(50000, 50001, shortHeader).s().app); // no long header: no heuristic
        Decoder chosen = new Decoder(DecodeAs.parse(List.of("50001=quic")));
        AppDecoded d = AppDecoded.of(chosen, AppFixtures.udp(50000, 50001, shortHeader));
        assertEquals("quic", d.s().app.name());
        assertEquals("0", d.one("quic.header_form"));
        assertEquals("quic, protected", d.suffix());
        assertEquals("Protected Payload", d.info());
    }

    @Test
    void aBadTagIsAFailedDecryptionNotAnError() {
        AppDecoded d = udp(40004, 443, AppFixtures.badTag(QuicVectors.V1_CLIENT_INITIAL));
        assertEquals(Status.OK, d.s().status);
        assertEquals("1", d.one("quic.decryption_failed"));
        assertEquals("2", d.one("quic.packet_number")); // the header protection came off: tshark shows it too
        assertEquals("", d.one("tls.handshake.type"));
        assertEquals("quic, initial, dcid 8394c8f03e515708, length 1182", d.suffix());
        assertEquals("Initial, DCID=8394c8f03e515708, PKN: 2", d.info());
    }

    @Test
    void cryptoFramesOutOfOrderAreReassembledInThePacket() throws Exception {
        String hello = QuicVectors.CLIENT_FRAMES.replace(" ", "").substring(8); // the CRYPTO frame's 241 data bytes
        String frames = "06" + "4064" + "408d" + hello.substring(200) + "01" + "06" + "00" + "4064" + hello.substring(0, 200);
        AppDecoded d = sealed(frames);
        assertEquals(Status.OK, d.s().status, d.s().reasonText());
        assertEquals(List.of("6", "1", "6", "0"), d.all("quic.frame_type"));
        assertEquals("example.com", d.one("tls.handshake.extensions_server_name"));
        assertEquals("alpn", d.one("tls.handshake.extensions_alpn_str"));
        // only the first 100 bytes here: the rest would come in the next Initial
        AppDecoded part = sealed("06" + "00" + "4064" + hello.substring(0, 200));
        assertEquals(Status.OK, part.s().status, part.s().reasonText());
        assertEquals("1", part.one("tls.handshake.type"));
        assertEquals("example.com", part.one("tls.handshake.extensions_server_name"));
        assertTrue(part.suffix().endsWith(", TLS ClientHello SNI=example.com ALPN=alpn"), part.suffix());
        assertEquals("", part.one("tls.handshake.extensions.supported_version")); // past the 100 bytes
    }

    @Test
    void hostileInitialsGiveAReasonAndNoException() throws Exception {
        assertInvalid(sealed("06" + "00" + "44b0" + "00".repeat(16)), "quic-crypto-length 1200 > packet");
        assertInvalid(sealed("080000"), "quic-frame-type 8 in Initial");
        assertInvalid(sealed("02" + "00" + "00" + "7fff" + "00"), "quic-ack-frame 1156 bytes");
        String lyingHello = QuicVectors.CLIENT_FRAMES.replace(" ", "").replace("02010000c0000000", "02010000ff000000");
        assertInvalid(sealed(lyingHello), "tls-extensions-length 255 > message");
        // a Length field beyond the datagram (the field is not header-protected)
        String longer = QuicVectors.V1_CLIENT_INITIAL.replace(" ", "").replaceFirst("449e", "44ff");
        assertInvalid(udp(40006, 443, longer), "quic-length 1279 > datagram");
        // datagrams too short for their own header: invalid, never "truncated" (every byte was captured)
        assertInvalid(udp(40006, 443, "c00000"), "quic-long-header 3 bytes");
        assertInvalid(udp(40006, 443, "c000000001" + "08" + "0102030405060708" + "00"), "quic-long-header 15 bytes");
        // a connection ID longer than version 1 allows
        assertInvalid(udp(40006, 443, "c00000000115" + "00".repeat(40)), "quic-dcid-length 21 > 20");
    }

    private AppDecoded sealed(String frames) throws Exception {
        byte[] packet = InitialSealer.seal(V1, QuicVectors.DCID, false, CLIENT_HEADER, 4, InitialSealer.padded(frames, 1162));
        return udp(40008, 443, HexFormat.of().formatHex(packet));
    }

    private static void assertInvalid(AppDecoded d, String reason) {
        assertEquals(Status.INVALID, d.s().status, d.text());
        assertEquals(reason, d.s().reasonText());
    }
}
