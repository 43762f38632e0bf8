package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TLS dissector on records made by openssl (AppFixtures) and on hand-made hostile ones: fields
 * under tshark's names, our text, Wireshark's Info, several records in a segment, a hello spread
 * over segments, a capture cut short, lengths that lie, and payloads that are not TLS at all.
 * (The same fields are held to tshark itself by TlsLoopbackTest and the corpus oracle.)
 */
class TlsDissectorTest {
    private final Decoder decoder = new Decoder();

    private AppDecoded tcp(int src, int dst, String payloadHex) {
        return AppDecoded.of(decoder, AppFixtures.tcp(src, dst, payloadHex));
    }

    @Test
    void clientHelloGivesSniAlpnVersionsAndSuites() {
        AppDecoded d = tcp(51000, 443, AppFixtures.TLS_CLIENT_HELLO);
        assertEquals(Status.OK, d.s().status, d.s().reasonText());
        assertEquals("tls", d.s().app.name());
        assertEquals(List.of("22"), d.all("tls.record.content_type"));
        assertEquals(List.of("769"), d.all("tls.record.version"));
        assertEquals(List.of("1"), d.all("tls.handshake.type"));
        assertEquals(List.of("255"), d.all("tls.handshake.length"));
        assertEquals(List.of("771"), d.all("tls.handshake.version"));
        assertEquals(List.of("4866", "4867", "4865", "255"), d.all("tls.handshake.ciphersuite"));
        assertEquals(List.of("test.example"), d.all("tls.handshake.extensions_server_name"));
        assertEquals(List.of("h2", "http/1.1"), d.all("tls.handshake.extensions_alpn_str"));
        assertEquals(List.of("772"), d.all("tls.handshake.extensions.supported_version"));
        assertEquals("0,11,10,35,16,22,23,13,43,45,51", d.one("tls.handshake.extension.type"));
        assertEquals("TLS ClientHello SNI=test.example ALPN=h2,http/1.1", d.suffix());
        assertTrue(d.text().startsWith("IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [P.], seq 1:265, ack 2, win 65535, length 264: "),
                d.text());
        assertEquals("Client Hello (SNI=test.example)", d.info());
    }

    @Test
    void severalRecordsInOneSegment() {
        AppDecoded d = tcp(443, 51000, AppFixtures.TLS13_SERVER_FLIGHT);
        assertEquals(Status.OK, d.s().status, d.s().reasonText());
        assertEquals(List.of("22", "20", "23"), d.all("tls.record.content_type"));
        assertEquals(List.of("122", "1", "32"), d.all("tls.record.length"));
        assertEquals(List.of("2"), d.all("tls.handshake.type"));
        assertEquals(List.of("4866"), d.all("tls.handshake.ciphersuite"));
        assertEquals(List.of("772"), d.all("tls.handshake.extensions.supported_version"));
        assertEquals("TLS ServerHello TLSv1.3 TLS_AES_256_GCM_SHA384, ChangeCipherSpec, Application Data", d.suffix());
        assertEquals("Server Hello, Change Cipher Spec, Application Data", d.info());

        AppDecoded tls12 = tcp(8443, 51001, AppFixtures.TLS12_SERVER_HELLO);
        assertEquals("TLS ServerHello TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 ALPN=h2, ServerHelloDone",
                tls12.suffix());
        assertEquals(List.of("2", "14"), tls12.all("tls.handshake.type"));
        assertEquals(List.of("h2"), tls12.all("tls.handshake.extensions_alpn_str"));
    }

    @Test
    void aRunOfRecordsIsSaidOnceInTheTextAndEachTimeInTheInfo() {
        String record = "1703030004" + "deadbeef";
        AppDecoded d = tcp(443, 51000, record.repeat(20));
        assertEquals(20, d.all("tls.record.version").size());
        assertEquals("TLS Application Data", d.suffix());
        assertEquals(String.join(", ", java.util.Collections.nCopies(20, "Application Data")), d.info());
        // records are walked to a bound, whatever the segment holds
        AppDecoded many = tcp(443, 51000, "1703030001ff".repeat(300));
        assertEquals(64, many.all("tls.record.version").size());
        assertEquals(Status.OK, many.s().status);
    }

    @Test
    void alertsInTheClearAndEncryptedHandshakes() {
        AppDecoded alert = tcp(443, 51000, "15030300020228");
        assertEquals("TLS Alert fatal handshake_failure", alert.suffix());
        assertEquals("Alert (Level: Fatal, Description: Handshake Failure)", alert.info());
        assertEquals("2", alert.one("tls.alert_message.level"));
        assertEquals("40", alert.one("tls.alert_message.desc"));
        // TLS 1.2's Finished after ChangeCipherSpec, and on its own (GCM's explicit nonce, then ciphertext)
        String finished = "1603030028" + "0000000000000000" + "8b1f5e3a77c6d2e4a1b2c3d4e5f60718293a4b5c6d7e8f90";
        assertEquals("TLS ChangeCipherSpec, Encrypted Handshake", tcp(443, 51000, "140303000101" + finished).suffix());
        AppDecoded alone = tcp(443, 51000, finished);
        assertEquals("TLS Encrypted Handshake", alone.suffix());
        assertEquals(List.of(), alone.all("tls.handshake.type"));
        assertEquals("Encrypted Handshake Message", alone.info());
    }

    @Test
    void aHelloSpreadOverSegmentsGivesWhatThisSegmentHolds() {
        String hello = AppFixtures.TLS_CLIENT_HELLO;
        AppDecoded first = tcp(51000, 443, hello.substring(0, 2 * 100)); // ends inside the server_name extension
        assertEquals(Status.OK, first.s().status, first.s().reasonText());
        assertEquals(List.of("1"), first.all("tls.handshake.type"));
        assertEquals(List.of("4866", "4867", "4865", "255"), first.all("tls.handshake.ciphersuite"));
        assertEquals(List.of(), first.all("tls.handshake.extensions_server_name"));
        assertEquals("TLS ClientHello", first.suffix());
        AppDecoded inside = tcp(51000, 443, hello.substring(0, 2 * 60)); // ends inside the session id
        assertEquals(Status.OK, inside.s().status, inside.s().reasonText());
        assertEquals(List.of("771"), inside.all("tls.handshake.version"));
        assertEquals(List.of(), inside.all("tls.handshake.ciphersuite"));
        AppDecoded rest = tcp(51000, 443, hello.substring(2 * 100)); // the middle of the record: plain TCP
        assertNull(rest.s().app);
        assertEquals(Status.OK, rest.s().status);
    }

    @Test
    void aCaptureCutInsideTheHelloIsTruncatedAndKeepsWhatCameBefore() {
        Fixtures.Fixture frame = AppFixtures.tcp(51000, 443, AppFixtures.TLS_CLIENT_HELLO);
        int headers = 14 + 20 + 20;
        AppDecoded cut = AppDecoded.of(decoder, frame, headers + 150);
        assertEquals(Status.TRUNCATED, cut.s().status);
        assertEquals("tls", cut.s().reason);
        assertEquals(List.of("4866", "4867", "4865", "255"), cut.all("tls.handshake.ciphersuite"));
        assertEquals("TLS ClientHello SNI=test.example [|tls]", cut.suffix());
    }

    @Test
    void lengthsThatLieMakeThePacketInvalidWithAReason() {
        String hello = AppFixtures.TLS_CLIENT_HELLO;
        // extensions length 0x00ae -> 0x0fae
        assertInvalid(hello.replace("010000ae0000", "01000fae0000"), "tls-extensions-length 4014 > message");
        // server_name entry length 0x000c -> 0x00fc
        assertInvalid(hello.replace("000f00000c74", "000f0000fc74"), "tls-server-name-length 252 > list");
        // first ALPN name length 2 -> 0x40
        assertInvalid(hello.replace("000e000c0268", "000e000c4068"), "tls-alpn-length 64 > list");
        // cipher suites length 8 -> 7
        assertInvalid(hello.replace("ed000813021303", "ed000713021303"), "tls-cipher-suites-length 7");
        // session id length 32 -> 0xff
        assertInvalid(hello.replace("9725205cc9", "9725ff5cc9"), "tls-session-id-length 255 > 32");
        // a record longer than TLS allows
        assertInvalid("1703034801" + "00".repeat(16), "tls-record-length 18433 > 18432");
        // after a whole record, bytes that are no record
        assertInvalid("1703030001ff" + "474554202f", "tls-record-type 71");
    }

    @Test
    void anExtensionHeaderCutByTheExtensionsEndIsInvalidAndOneCutByTheSegmentWaits() {
        String head = "0303" + "11".repeat(32) + "00" + "0002" + "1301" + "0100"; // version, random, suites, compression
        // two bytes after server_name, inside the extensions' length: no room for another header
        assertInvalid("1603010035" + "01000031" + head + "0006" + "00000000" + "0017", "tls-extension-header 2 bytes");
        // extended_master_secret's header goes on in the next segment: what this one holds, no error
        String whole = "1603010037" + "01000033" + head + "0008" + "00000000" + "00170000";
        AppDecoded first = tcp(51000, 443, whole.substring(0, 2 * 58));
        assertEquals(Status.OK, first.s().status, first.s().reasonText());
        assertEquals(List.of("0"), first.all("tls.handshake.extension.type"));
        AppDecoded both = tcp(51000, 443, whole);
        assertEquals(Status.OK, both.s().status, both.s().reasonText());
        assertEquals(List.of("0", "23"), both.all("tls.handshake.extension.type"));
    }

    private void assertInvalid(String payload, String reason) {
        AppDecoded d = tcp(51000, 443, payload);
        assertEquals(Status.INVALID, d.s().status, payload);
        assertEquals(reason, d.s().reasonText());
        assertTrue(d.suffix().endsWith(" [" + reason + "]"), d.suffix());
    }

    @Test
    void theHeuristicFindsTlsOnAnyPortAndOnlyTls() {
        assertEquals("tls", tcp(51002, 9999, AppFixtures.TLS_CLIENT_HELLO).s().app.name());
        assertEquals("http", tcp(51002, 9999, "474554202f20485454502f312e310d0a").s().app.name()); // GET / HTTP/1.1
        assertNull(tcp(51002, 9999, "1603050010" + "00".repeat(16)).s().app); // version 3.5: not TLS
        assertNull(tcp(51002, 9999, "1603030000").s().app); // an empty record: not plausible
        AppDecoded hello = tcp(51000, 443, "68656c6c6f"); // "hello" to port 443: not TLS, plain TCP
        assertEquals(Status.OK, hello.s().status);
        assertNull(hello.s().app);
        assertTrue(hello.text().endsWith("length 5"), hello.text());
        // the capture ends before a record header could be read: nothing says TLS yet
        AppDecoded cut = AppDecoded.of(decoder, AppFixtures.tcp(51000, 443, AppFixtures.TLS_CLIENT_HELLO), 14 + 20 + 20 + 2);
        assertEquals(Status.OK, cut.s().status);
        assertNull(cut.s().app);
    }
}
