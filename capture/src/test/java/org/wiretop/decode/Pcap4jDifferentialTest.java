package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpMaximumSegmentSizeOption;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.TcpTimestampsOption;
import org.pcap4j.packet.TcpWindowScaleOption;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.util.MacAddress;
import org.wiretop.capture.format.Addresses;

/**
 * Differential test: frames this test generates (seeded, so reproducible: Ethernet with and
 * without an 802.1Q tag, ARP, IPv4 with options and fragments, IPv6, TCP with options, UDP,
 * ICMP, ICMPv6) are decoded by us and by pcap4j's static packet factory; every field both
 * decode must be equal.
 */
class Pcap4jDifferentialTest {
    private static final int FRAMES = 2000;

    @Test
    void ourFieldsEqualPcap4js() {
        Random random = new Random(20261125);
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        int[] kinds = new int[8];
        for (int i = 0; i < FRAMES; i++) {
            int kind = random.nextInt(8);
            kinds[kind]++;
            byte[] frame = frame(random, kind);
            decoder.decode(Decoder.DLT_EN10MB, frame, frame.length, frame.length, s);
            String where = "frame " + i + " kind " + kind + ": " + java.util.HexFormat.of().formatHex(frame);
            assertEquals(Status.OK, s.status, where + " " + s.reasonText());
            compare(frame, s, where);
        }
        System.out.println("pcap4j differential: " + FRAMES + " frames agree, by kind " + java.util.Arrays.toString(kinds));
    }

    private static void compare(byte[] frame, PacketSummary s, String where) {
        EthernetPacket eth;
        try {
            eth = EthernetPacket.newPacket(frame, 0, frame.length);
        } catch (Exception e) {
            throw new AssertionError(where, e);
        }
        assertEquals(mac(eth.getHeader().getSrcAddr()), Addresses.mac(s.ethSrc), where);
        assertEquals(mac(eth.getHeader().getDstAddr()), Addresses.mac(s.ethDst), where);
        assertEquals(eth.getHeader().getType().value() & 0xffff, s.ethType, where);
        Dot1qVlanTagPacket vlan = eth.get(Dot1qVlanTagPacket.class);
        assertEquals(vlan == null ? -1 : vlan.getHeader().getVidAsInt(), s.vlanId, where);
        IpV4Packet ip4 = eth.get(IpV4Packet.class);
        if (ip4 != null) {
            IpV4Packet.IpV4Header h = ip4.getHeader();
            assertEquals(h.getSrcAddr().getHostAddress(), Addresses.ipv4(s.ip4Src), where);
            assertEquals(h.getDstAddr().getHostAddress(), Addresses.ipv4(s.ip4Dst), where);
            assertEquals(h.getProtocol().value() & 0xff, s.ipProto, where);
            assertEquals(h.getTtlAsInt(), s.ipTtl, where);
            assertEquals(h.getTotalLengthAsInt(), s.ipTotalLength, where);
            assertEquals(h.getIdentificationAsInt(), s.ipId, where);
            assertEquals(h.getDontFragmentFlag(), s.ipDf, where);
            assertEquals(h.getMoreFragmentFlag(), s.ipMf, where);
            assertEquals(h.getFragmentOffset(), s.ipFragOffset, where);
            assertEquals(h.getIhlAsInt() * 4, s.ipHeaderLength, where);
            assertEquals(true, s.ipChecksumOk(), where);
        }
        IpV6Packet ip6 = eth.get(IpV6Packet.class);
        if (ip6 != null) {
            IpV6Packet.IpV6Header h = ip6.getHeader();
            assertEquals(java.net.InetAddress.class.cast(h.getSrcAddr()).getHostAddress(),
                    expandV6(s.ip6SrcHi, s.ip6SrcLo), where);
            assertEquals(h.getNextHeader().value() & 0xff, s.ip6NextHeader, where);
            assertEquals(h.getHopLimitAsInt(), s.ip6HopLimit, where);
            assertEquals(h.getPayloadLengthAsInt(), s.ip6PayloadLength, where);
            assertEquals(h.getFlowLabel().value(), s.ip6FlowLabel, where);
        }
        TcpPacket tcp = eth.get(TcpPacket.class);
        assertEquals(tcp != null, s.has(PacketSummary.TCP), where);
        if (tcp != null) {
            TcpPacket.TcpHeader h = tcp.getHeader();
            assertEquals(h.getSrcPort().valueAsInt(), s.srcPort, where);
            assertEquals(h.getDstPort().valueAsInt(), s.dstPort, where);
            assertEquals(h.getSequenceNumberAsLong(), s.tcpSeq, where);
            assertEquals(h.getAcknowledgmentNumberAsLong(), s.tcpAck, where);
            int flags = (h.getFin() ? 1 : 0) | (h.getSyn() ? 2 : 0) | (h.getRst() ? 4 : 0) | (h.getPsh() ? 8 : 0)
                    | (h.getAck() ? 0x10 : 0) | (h.getUrg() ? 0x20 : 0);
            assertEquals(flags, s.tcpFlags & 0x3f, where);
            assertEquals(h.getWindowAsInt(), s.tcpWindow, where);
            assertEquals(h.getDataOffsetAsInt() * 4, s.tcpHeaderLength, where);
            assertEquals(h.getUrgentPointerAsInt(), s.tcpUrgent, where);
            assertEquals(tcp.getPayload() == null ? 0 : tcp.getPayload().length(), s.tcpPayloadLength, where);
            int mss = -1, wscale = -1;
            long tsVal = -1;
            for (TcpPacket.TcpOption o : h.getOptions()) {
                if (o instanceof TcpMaximumSegmentSizeOption) {
                    mss = ((TcpMaximumSegmentSizeOption) o).getMaxSegSizeAsInt();
                } else if (o instanceof TcpWindowScaleOption) {
                    wscale = ((TcpWindowScaleOption) o).getShiftCountAsInt();
                } else if (o instanceof TcpTimestampsOption) {
                    tsVal = ((TcpTimestampsOption) o).getTsValue() & 0xffffffffL;
                }
            }
            assertEquals(h.getOptions().size(), s.tcpOptionCount, where);
            assertEquals(mss, s.tcpMss, where);
            assertEquals(wscale, s.tcpWindowScale, where);
            assertEquals(tsVal, s.tcpTsVal, where);
        }
        UdpPacket udp = eth.get(UdpPacket.class);
        assertEquals(udp != null, s.has(PacketSummary.UDP), where);
        if (udp != null) {
            assertEquals(udp.getHeader().getSrcPort().valueAsInt(), s.srcPort, where);
            assertEquals(udp.getHeader().getDstPort().valueAsInt(), s.dstPort, where);
            assertEquals(udp.getHeader().getLengthAsInt(), s.udpLength, where);
        }
        IcmpV4CommonPacket icmp = eth.get(IcmpV4CommonPacket.class);
        assertEquals(icmp != null, s.has(PacketSummary.ICMP), where);
        if (icmp != null) {
            assertEquals(icmp.getHeader().getType().value() & 0xff, s.icmpType, where);
            assertEquals(icmp.getHeader().getCode().value() & 0xff, s.icmpCode, where);
        }
        IcmpV6CommonPacket icmp6 = eth.get(IcmpV6CommonPacket.class);
        assertEquals(icmp6 != null, s.has(PacketSummary.ICMP6), where);
        if (icmp6 != null) {
            assertEquals(icmp6.getHeader().getType().value() & 0xff, s.icmpType, where);
            assertEquals(icmp6.getHeader().getCode().value() & 0xff, s.icmpCode, where);
        }
        ArpPacket arp = eth.get(ArpPacket.class);
        assertEquals(arp != null, s.has(PacketSummary.ARP), where);
        if (arp != null) {
            assertEquals(arp.getHeader().getOperation().value() & 0xffff, s.arpOpcode, where);
            assertEquals(arp.getHeader().getSrcProtocolAddr().getHostAddress(), Addresses.ipv4(s.arpSenderIp), where);
            assertEquals(arp.getHeader().getDstProtocolAddr().getHostAddress(), Addresses.ipv4(s.arpTargetIp), where);
            assertEquals(mac(arp.getHeader().getSrcHardwareAddr()), Addresses.mac(s.arpSenderMac), where);
        }
        assertNotNull(eth.getPayload(), where);
    }

    private static String mac(MacAddress m) {
        return m.toString();
    }

    /** Java prints IPv6 uncompressed and without leading zeros ("2001:db8:0:0:0:0:0:1"). */
    private static String expandV6(long hi, long lo) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            long half = i < 4 ? hi : lo;
            b.append(i == 0 ? "" : ":").append(Integer.toHexString((int) (half >>> ((3 - (i & 3)) * 16)) & 0xffff));
        }
        return b.toString();
    }

    // ---- frame generator ----

    private static byte[] frame(Random r, int kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes(out, r, 6);
        bytes(out, r, 6);
        if (kind == 7) { // ARP
            u16(out, 0x0806);
            u16(out, 1);
            u16(out, 0x0800);
            out.write(6);
            out.write(4);
            u16(out, 1 + r.nextInt(2));
            bytes(out, r, 20);
            return out.toByteArray();
        }
        boolean tagged = r.nextInt(4) == 0;
        boolean v6 = kind >= 5;
        if (tagged) {
            u16(out, 0x8100);
            u16(out, r.nextInt(0x10000));
        }
        u16(out, v6 ? 0x86dd : 0x0800);
        int transport = v6 ? new int[] {6, 17, 58}[kind - 5] : new int[] {6, 6, 17, 1, 6}[kind];
        byte[] l4 = transport(r, transport);
        if (v6) {
            out.write(0x60 | r.nextInt(16));
            bytes(out, r, 3);
            u16(out, l4.length);
            out.write(transport);
            out.write(1 + r.nextInt(255));
            bytes(out, r, 32);
            out.writeBytes(l4);
            return out.toByteArray();
        }
        int optionWords = r.nextInt(4) == 0 ? 1 : 0;
        boolean fragment = kind == 4;
        int headerLength = 20 + 4 * optionWords;
        byte[] ip = new byte[headerLength];
        ip[0] = (byte) (0x40 | (5 + optionWords));
        ip[1] = (byte) r.nextInt(256);
        int total = headerLength + l4.length;
        ip[2] = (byte) (total >>> 8);
        ip[3] = (byte) total;
        ip[4] = (byte) r.nextInt(256);
        ip[5] = (byte) r.nextInt(256);
        int flagsOffset = fragment ? 0x2000 | (1 + r.nextInt(0x1000)) : (r.nextBoolean() ? 0x4000 : 0);
        ip[6] = (byte) (flagsOffset >>> 8);
        ip[7] = (byte) flagsOffset;
        ip[8] = (byte) (1 + r.nextInt(255));
        ip[9] = (byte) transport;
        for (int i = 12; i < 20; i++) {
            ip[i] = (byte) r.nextInt(256);
        }
        if (optionWords == 1) {
            ip[20] = 1; // NOP NOP NOP EOL
            ip[21] = 1;
            ip[22] = 1;
            ip[23] = 0;
        }
        byte[] withSum = new byte[ip.length];
        System.arraycopy(ip, 0, withSum, 0, ip.length);
        Fixtures.withIpv4Checksum(withSum, 0);
        out.writeBytes(withSum);
        out.writeBytes(l4);
        return out.toByteArray();
    }

    private static byte[] transport(Random r, int protocol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int payload = r.nextInt(40);
        switch (protocol) {
            case 6: {
                bytes(out, r, 12);
                ByteArrayOutputStream options = new ByteArrayOutputStream();
                if (r.nextBoolean()) {
                    options.writeBytes(new byte[] {2, 4, (byte) r.nextInt(256), (byte) r.nextInt(256)});
                }
                if (r.nextBoolean()) {
                    options.writeBytes(new byte[] {1, 3, 3, (byte) r.nextInt(15)});
                }
                if (r.nextBoolean()) {
                    options.writeBytes(new byte[] {1, 1, 8, 10});
                    bytes(options, r, 8);
                }
                while (options.size() % 4 != 0) {
                    options.write(0);
                }
                int dataOffset = 5 + options.size() / 4;
                u16(out, dataOffset << 12 | r.nextInt(0x40));
                bytes(out, r, 6);
                out.writeBytes(options.toByteArray());
                break;
            }
            case 17:
                bytes(out, r, 4);
                u16(out, 8 + payload);
                bytes(out, r, 2);
                break;
            case 1:
                out.write(new int[] {0, 3, 8, 11}[r.nextInt(4)]);
                out.write(r.nextInt(4));
                bytes(out, r, 6);
                payload = Math.max(payload, 28);
                break;
            default: // ICMPv6: echo request/reply or neighbour solicitation
                out.write(new int[] {128, 129, 135}[r.nextInt(3)]);
                out.write(0);
                bytes(out, r, 6);
                payload = 16;
                break;
        }
        bytes(out, r, payload);
        return out.toByteArray();
    }

    private static void bytes(ByteArrayOutputStream out, Random r, int n) {
        for (int i = 0; i < n; i++) {
            out.write(r.nextInt(256));
        }
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
