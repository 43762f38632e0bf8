package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wiretop.decode.Fixtures.hex;
import static org.wiretop.decode.Fixtures.ipv4;
import static org.wiretop.decode.Fixtures.ipv6;

import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.Addresses;

/** The link layers from hex (ARP, VLAN stacks and MPLS, 802.3 lengths, cooked, null, loop and raw links): whole, cut and invalid. */
class LinkLayerDecoderTest {
    private final Decoder decoder = new Decoder();
    private final PacketSummary s = new PacketSummary();

    private PacketSummary decodeCut(int linkType, byte[] frame, int captured) {
        decoder.decode(linkType, frame, captured, frame.length, s);
        return s;
    }

    private PacketSummary decode(int linkType, byte[] frame) {
        return decodeCut(linkType, frame, frame.length);
    }

    private PacketSummary fixture(String name) {
        Fixtures.Fixture f = Fixtures.all().get(name);
        return decode(f.linkType(), f.bytes());
    }

    @Test
    void arpRequest() {
        fixture("eth-arp");
        assertEquals(Status.OK, s.status);
        assertEquals(1, s.arpOpcode);
        assertEquals(14, s.networkOffset);
        assertEquals("192.168.0.1", Addresses.ipv4(s.arpSenderIp));
        assertEquals("192.168.0.2", Addresses.ipv4(s.arpTargetIp));
        assertEquals(0x66778899aabbL, s.arpSenderMac);
        assertEquals(3, s.arpHasIps);
        Fixtures.Fixture f = Fixtures.all().get("eth-arp");
        decodeCut(f.linkType(), f.bytes(), 14 + 20); // sender MAC and IP, part of the target MAC
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("arp", s.reason);
        assertEquals(1, s.arpHasIps);
    }


    @Test
    void vlanStackAndMpls() {
        fixture("eth-qinq-ipv4-udp");
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(0x88a8, s.ethType);
        assertEquals(200, s.qinqId);
        assertEquals(2001, s.vlanId);
        assertEquals(12345, s.dstPort);
        Fixtures.Fixture f = Fixtures.all().get("eth-qinq-ipv4-udp");
        decodeCut(f.linkType(), f.bytes(), 16);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("802.1ad", s.reason);

        fixture("eth-mpls-ipv4-udp");
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(16, s.mplsLabel);
        assertEquals(12345, s.dstPort);
    }

    @Test
    void ethernet8023LengthAndInvalidLength() {
        decode(Decoder.DLT_EN10MB, hex(Fixtures.MAC_DST + Fixtures.MAC_SRC + "0003 424203 0000"));
        assertEquals(Status.OK, s.status);
        assertEquals(3, s.ethLength);
        assertEquals(-1, s.ethType);
        decode(Decoder.DLT_EN10MB, hex(Fixtures.MAC_DST + Fixtures.MAC_SRC + "05dc 424203"));
        assertEquals(Status.INVALID, s.status);
        assertEquals("802.3-length 1500 > frame", s.reasonText());
        decodeCut(Decoder.DLT_EN10MB, hex(Fixtures.MAC_DST + Fixtures.MAC_SRC + "0800"), 8);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("ether", s.reason);
        assertEquals(2, s.ethHasAddrs);
    }

    @Test
    void cookedNullLoopRawLinks() {
        fixture("sll-ipv4-udp");
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(PacketSummary.SLL_OUTGOING, s.sllPacketType);
        assertEquals(12345, s.dstPort);
        fixture("sll2-ipv6-tcp");
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(1, s.ifIndex);
        assertEquals(443, s.dstPort);
        fixture("null-ipv4-icmp");
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(8, s.icmpType);
        fixture("loop-ipv6-udp");
        assertEquals(Status.OK, s.status, s.reason);
        assertEquals(12345, s.dstPort);
        fixture("raw-ipv4-tcp");
        assertEquals(443, s.dstPort);
        fixture("ipv6-udp");
        assertEquals(12345, s.dstPort);

        decodeCut(Decoder.DLT_LINUX_SLL, Fixtures.all().get("sll-ipv4-udp").bytes(), 10);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("sll", s.reason);
        decode(Decoder.DLT_NULL, hex("07000000 00"));          // AF 7: not followed, not an error
        assertEquals(Status.OK, s.status);
        assertEquals(-1, s.netProtocol);
        decode(Decoder.DLT_RAW, hex("5f00"));                    // version 5
        assertEquals(Status.INVALID, s.status);
        assertEquals("ip-version 5", s.reasonText());
    }

    @Test
    void unsupportedLinkTypeKeepsCallerFields() {
        s.frameNumber = 7;
        s.epochNanos = 42;
        decoder.decode(127, new byte[10], 10, 10, s);
        assertEquals(Status.UNSUPPORTED, s.status);
        assertEquals("linktype-127", s.reasonText());
        assertEquals(7, s.frameNumber);
        assertEquals(42, s.epochNanos);
        decoder.decode(1, new byte[0], 0, 0, s);
        assertEquals(Status.TRUNCATED, s.status);
        assertEquals("ether", s.reason);
    }
}
