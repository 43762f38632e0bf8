package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.decode.Fixtures.ETH_IP4;
import static org.wiretop.decode.Fixtures.ETH_IP6;
import static org.wiretop.decode.Fixtures.hex;
import static org.wiretop.decode.Fixtures.ipv4;
import static org.wiretop.decode.Fixtures.ipv6;
import static org.wiretop.decode.Fixtures.withIpv4Checksum;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.Addresses;

/** Each protocol from hex: a whole packet, a truncated one and (where values can be) an invalid one. */
class DecoderTest {
    private final Decoder decoder = new Decoder();
    private final PacketSummary s = new PacketSummary();

    private PacketSummary decode(int linkType, byte[] frame) {
        decoder.decode(linkType, frame, frame.length, frame.length, s);
        return s;
    }

    private PacketSummary decodeCut(int linkType, byte[] frame, int captured) {
        decoder.decode(linkType, frame, captured, frame.length, s);
        return s;
    }

    private PacketSummary fixture(String name) {
        Fixtures.Fixture f = Fixtures.all().get(name);
        return decode(f.linkType(), f.bytes());
    }

    @Test
    void ethernetIpv4TcpWithOptions() {
        fixture("eth-ipv4-tcp");
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(0x001122334455L, s.ethDst);
        assertEquals(0x66778899aabbL, s.ethSrc);
        assertEquals(0x0800, s.ethType);
        assertEquals("10.0.0.1", Addresses.ipv4(s.ip4Src));
        assertEquals("10.0.0.2", Addresses.ipv4(s.ip4Dst));
        assertEquals(6, s.ipProto);
        assertEquals(64, s.ipTtl);
        assertEquals(0x1234, s.ipId);
        assertTrue(s.ipDf);
        assertFalse(s.ipMf);
        assertEquals(0, s.ipFragOffset);
        assertTrue(s.ipChecksumOk());
        assertEquals(51000, s.srcPort);
        assertEquals(443, s.dstPort);
        assertEquals(1, s.tcpSeq);
        assertEquals(2, s.tcpAck);
        assertEquals(PacketSummary.PSH | PacketSummary.ACK, s.tcpFlags);
        assertEquals(65535, s.tcpWindow);
        assertEquals(40, s.tcpHeaderLength);
        assertEquals(5, s.tcpPayloadLength);
        assertEquals(1460, s.tcpMss);
        assertEquals(7, s.tcpWindowScale);
        assertTrue(s.tcpSackPermitted);
        assertTrue(s.tcpHasTimestamps);
        assertEquals(10, s.tcpTsVal);
        assertEquals(20, s.tcpTsEcr);
        assertArrayEquals(new byte[] {2, 4, 8, 1, 3}, Arrays.copyOf(s.tcpOptionKinds, s.tcpOptionCount));
        assertEquals(54 + 20, s.payloadOffset);
        assertEquals(5, s.payloadLength);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        fixture("eth-ipv4-tcp-padded");
        assertEquals(Status.OK, s.status);
        assertEquals(5, s.tcpPayloadLength);
        assertEquals(5, s.payloadLength);
    }

    @Test
    void tcpCutAfterSixBytesStillHasPorts() {
        Fixtures.Fixture f = Fixtures.all().get("eth-ipv4-tcp");
        decodeCut(f.linkType(), f.bytes(), 14 + 20 + 6);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("tcp", s.reason);
        assertEquals(51000, s.srcPort);
        assertEquals(443, s.dstPort);
        assertEquals(-1, s.tcpSeq);
        assertTrue(s.has(PacketSummary.TCP));
    }

    @Test
    void tcpOptionsCutShortAreTruncatedNotInvalid() {
        Fixtures.Fixture f = Fixtures.all().get("eth-ipv4-tcp");
        decodeCut(f.linkType(), f.bytes(), 14 + 20 + 26);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("tcp", s.reason);
        assertEquals(1460, s.tcpMss);
        assertEquals(65535, s.tcpWindow);
    }

    @Test
    void tcpInvalidHeaderLengthAndOption() {
        String tcp = "c738 01bb 00000001 00000002 4002 ffff 0000 0000"; // data offset 4 = 16 bytes
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4 + ipv4(6, 40) + tcp), 14));
        assertEquals(Status.INVALID, s.status);
        assertEquals("tcp-header-length 16 < 20", s.reasonText());
        assertEquals(443, s.dstPort);
        String badOption = "c738 01bb 00000001 00000002 6002 ffff 0000 0000 0201 0000"; // MSS length 1
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4 + ipv4(6, 44) + badOption), 14));
        assertEquals(Status.INVALID, s.status);
        assertEquals("tcp-option-length 1", s.reasonText());
    }

    @Test
    void udpWholeTruncatedInvalid() {
        fixture("eth-ipv4-udp");
        assertEquals(Status.OK, s.status);
        assertEquals(54321, s.srcPort);
        assertEquals(12345, s.dstPort);
        assertEquals(13, s.udpLength);
        assertEquals(5, s.udpPayloadLength);
        assertEquals(5, s.payloadLength);

        Fixtures.Fixture f = Fixtures.all().get("eth-ipv4-udp");
        decodeCut(f.linkType(), f.bytes(), 14 + 20 + 4);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("udp", s.reason);
        assertEquals(12345, s.dstPort);

        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4 + ipv4(17, 28) + "d431 3039 0004 0000"), 14));
        assertEquals(Status.INVALID, s.status);
        assertEquals("udp-length 4 < 8", s.reasonText());
        assertEquals(54321, s.srcPort);
    }

    @Test
    void ipv4TruncatedInvalidChecksumAndFragments() {
        Fixtures.Fixture f = Fixtures.all().get("eth-ipv4-udp");
        decodeCut(f.linkType(), f.bytes(), 14 + 10);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("ip", s.reason);
        assertEquals(64, s.ipTtl);
        assertEquals(0, s.ipHasAddrs);

        decode(Decoder.DLT_EN10MB, hex(ETH_IP4 + "4300 0021 1234 0000 4011 0000 0a000001 0a000002"));
        assertEquals(Status.INVALID, s.status);
        assertEquals("bad-ihl 12", s.reasonText());

        byte[] badSum = f.bytes().clone();
        badSum[14 + 11] ^= 1;
        decode(Decoder.DLT_EN10MB, badSum);
        assertEquals(Status.OK, s.status);
        assertFalse(s.ipChecksumOk());

        // a later fragment (offset 185 * 8) carries no UDP header: nothing is read as one
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4
                + "4500 0021 1234 00b9 4011 0000 0a000001 0a000002" + "d431 3039 000d 0000 00"), 14));
        assertEquals(Status.OK, s.status);
        assertEquals(185, s.ipFragOffset);
        assertTrue(s.laterFragment);
        assertFalse(s.has(PacketSummary.UDP));
        assertEquals(-1, s.srcPort);
    }

    @Test
    void udpFirstFragmentLengthSpansFragments() {
        // IPv4, MF set, offset 0: 32-byte packet, UDP length 1008 (the whole datagram)
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4
                + "4500 0020 1234 2000 4011 0000 0a000001 0a000002" + "d431 3039 03f0 0000 61626364"), 14));
        assertEquals(Status.OK, s.status, s.reason);
        assertTrue(s.ipMf);
        assertFalse(s.laterFragment);
        assertTrue(s.has(PacketSummary.UDP));
        assertEquals(54321, s.srcPort);
        assertEquals(12345, s.dstPort);
        assertEquals(1008, s.udpLength);
        assertEquals(1000, s.udpPayloadLength);
        assertEquals(14 + 28, s.payloadOffset);
        assertEquals(4, s.payloadLength);

        // IPv6 fragment header, offset 0, M set: same rule
        decode(Decoder.DLT_EN10MB, hex(ETH_IP6 + ipv6(44, 20)
                + "1100 0001 0000abcd" + "d431 3039 03f0 0000 61626364"));
        assertEquals(Status.OK, s.status, s.reason);
        assertTrue(s.ip6Mf);
        assertEquals(12345, s.dstPort);
        assertEquals(1008, s.udpLength);
        assertEquals(4, s.payloadLength);

        // not fragmented (DF, no MF): a UDP length beyond the IP payload stays invalid
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4 + ipv4(17, 32)
                + "d431 3039 03f0 0000 61626364"), 14));
        assertEquals(Status.INVALID, s.status);
        assertEquals("udp-length 1008 > ip-payload", s.reasonText());
        assertEquals(54321, s.srcPort);
        // the last fragment of an IPv6 datagram (offset 0, M clear) is not fragmented either
        decode(Decoder.DLT_EN10MB, hex(ETH_IP6 + ipv6(44, 20)
                + "1100 0000 0000abcd" + "d431 3039 03f0 0000 61626364"));
        assertEquals(Status.INVALID, s.status);
    }

    @Test
    void ipv4WithOptions() {
        String header = "4600 0025 1234 4000 4011 0000 0a000001 0a000002 94040000"; // router alert
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4 + header + "d431 3039 000d 0000 6869212121"), 14));
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(24, s.ipHeaderLength);
        assertTrue(s.ipChecksumOk());
        assertEquals(12345, s.dstPort);
    }

    @Test
    void icmpEcho() {
        fixture("eth-ipv4-icmp");
        assertEquals(Status.OK, s.status);
        assertEquals(8, s.icmpType);
        assertEquals(0, s.icmpCode);
        assertEquals(0x1234, s.icmpId);
        assertEquals(1, s.icmpSeq);
        Fixtures.Fixture f = Fixtures.all().get("eth-ipv4-icmp");
        decodeCut(f.linkType(), f.bytes(), 14 + 20 + 5);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("icmp", s.reason);
        assertEquals(8, s.icmpType);
        assertEquals(-1, s.icmpId);
        // unknown type: a code point, not an error
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4 + ipv4(1, 28) + "fe07000000000000"), 14));
        assertEquals(Status.OK, s.status);
        assertEquals(254, s.icmpType);
    }

    @Test
    void tcpCutAtItsWindowStillHasSeqAckFlagsAndWindowAsTshark() {
        Fixtures.Fixture f = Fixtures.all().get("eth-ipv4-tcp");
        for (int cut = 6; cut < 20; cut++) {
            decodeCut(f.linkType(), f.bytes(), 14 + 20 + cut);
            assertEquals(Status.TRUNCATED, s.status);
            assertEquals("tcp", s.reason);
            assertEquals(51000, s.srcPort);
            boolean window = cut >= 16; // tshark: nothing past the ports before the window is whole
            assertEquals(window, s.tcpSeq >= 0, "seq at " + cut);
            assertEquals(window, s.tcpAck >= 0, "ack at " + cut);
            assertEquals(window, s.tcpFlags >= 0, "flags at " + cut);
            assertEquals(window, s.tcpWindow >= 0, "window at " + cut);
            assertEquals(-1, s.tcpUrgent, "urgent at " + cut);
        }
        decode(f.linkType(), f.bytes());
        long seq = s.tcpSeq, ack = s.tcpAck;
        int flags = s.tcpFlags, window = s.tcpWindow, length = s.tcpPayloadLength;
        decodeCut(f.linkType(), f.bytes(), 14 + 20 + 16);
        assertEquals(seq, s.tcpSeq);
        assertEquals(ack, s.tcpAck);
        assertEquals(flags, s.tcpFlags);
        assertEquals(window, s.tcpWindow);
        assertEquals(length, s.tcpPayloadLength);
    }

    @Test
    void icmpv4ErrorQuotingIpv6IsReadAsIpv6AsTshark() {
        String quoted = "60000000 0014 11 40 20010db8000000000000000000000001 20010db8000000000000000000000002"
                + "1388 0035 0014 0000";
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4 + ipv4(1, 20 + 8 + 48) + "0303 0000 00000000" + quoted), 14));
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(17, s.quotedProtocol);
        assertEquals(5000, s.quotedSrcPort);
        assertEquals(53, s.quotedDstPort);
        assertEquals(20, s.quotedUdpLength);
        assertTrue(s.quotedHasIp6);
        assertFalse(s.quotedHasIp4);
        assertEquals("2001:db8::2", Addresses.ipv6(s.quotedIp6DstHi, s.quotedIp6DstLo));
        assertEquals(64, s.quotedIp6HopLimit);
        assertEquals(20, s.quotedIp6PayloadLength);
    }

    @Test
    void icmpErrorQuotesTheFlowItIsAbout() {
        // port unreachable quoting UDP 10.0.0.2:54321 → 10.0.0.1:53
        String quoted = "4500 0021 0001 0000 4011 0000 0a000002 0a000001" + "d431 0035 000d 0000";
        decode(Decoder.DLT_EN10MB, withIpv4Checksum(hex(ETH_IP4 + ipv4(1, 20 + 8 + 28) + "0303 0000 00000000" + quoted), 14));
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(3, s.icmpType);
        assertEquals(17, s.quotedProtocol);
        assertEquals(54321, s.quotedSrcPort);
        assertEquals(53, s.quotedDstPort);
        assertEquals("10.0.0.1", Addresses.ipv4(s.quotedIp4Dst));
        assertFalse(s.has(PacketSummary.UDP));
        // a quote cut short is optional detail: the ICMP message itself is whole
        byte[] frame = withIpv4Checksum(hex(ETH_IP4 + ipv4(1, 20 + 8 + 28) + "0303 0000 00000000" + quoted), 14);
        decodeCut(Decoder.DLT_EN10MB, frame, frame.length - 6);
        assertEquals(Status.OK, s.status);
        assertEquals(17, s.quotedProtocol);
        assertEquals(-1, s.quotedSrcPort);
    }

    @Test
    void ipv6ExtensionChain() {
        fixture("eth-ipv6-ext-udp");
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(0, s.ip6NextHeader);
        assertEquals(17, s.transportProtocol);
        assertTrue(s.ip6Fragment);
        assertTrue(s.ip6Mf);
        assertEquals(0, s.ip6FragOffset);
        assertEquals(0xdeadbeefL, s.ip6FragId);
        assertEquals(12345, s.dstPort);
        assertEquals("2001:db8::1", Addresses.ipv6(s.ip6SrcHi, s.ip6SrcLo));
        assertEquals(64, s.ip6HopLimit);
        assertEquals(37, s.ip6PayloadLength);
    }

    @Test
    void ipv6TruncatedInvalidAndLaterFragment() {
        Fixtures.Fixture f = Fixtures.all().get("eth-ipv6-ext-udp");
        decodeCut(f.linkType(), f.bytes(), 14 + 40 + 12);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("ip6", s.reason);
        assertTrue(s.ip6Fragment);
        // an extension header longer than the payload
        decode(Decoder.DLT_EN10MB, hex(ETH_IP6 + ipv6(60, 8) + "11ff 0000 00000000"));
        assertEquals(Status.INVALID, s.status);
        assertEquals("ip6-ext-length 2048 > payload", s.reasonText());
        // a later fragment: no transport
        decode(Decoder.DLT_EN10MB, hex(ETH_IP6 + ipv6(44, 16) + "1100 0100 00000001" + "d431 3039 000d 0000"));
        assertEquals(Status.OK, s.status);
        assertTrue(s.laterFragment);
        assertEquals(32, s.ip6FragOffset);
        assertFalse(s.has(PacketSummary.UDP));
        // ESP ends the chain
        decode(Decoder.DLT_EN10MB, hex(ETH_IP6 + ipv6(50, 8) + "0000000100000001"));
        assertEquals(Status.OK, s.status);
        assertEquals(50, s.transportProtocol);
    }

    @Test
    void icmpv6Echo() {
        fixture("eth-ipv6-icmp6");
        assertEquals(Status.OK, s.status);
        assertTrue(s.has(PacketSummary.ICMP6));
        assertEquals(128, s.icmpType);
        assertEquals(0xabcd, s.icmpId);
        assertEquals(7, s.icmpSeq);
        Fixtures.Fixture f = Fixtures.all().get("eth-ipv6-icmp6");
        decodeCut(f.linkType(), f.bytes(), 14 + 40 + 3); // as tshark: no type before the checksum is whole
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("icmp6", s.reason);
        assertEquals(-1, s.icmpType);
        decodeCut(f.linkType(), f.bytes(), 14 + 40 + 5);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals(128, s.icmpType);
        assertEquals(0, s.icmpCode);
        assertEquals(-1, s.icmpId);
    }
}
