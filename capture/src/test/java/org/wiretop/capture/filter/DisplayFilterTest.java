package org.wiretop.capture.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.filter.Packets.ip4;

import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;

class DisplayFilterTest {
    private static final PacketSummary SYN = Packets.tcp4(ip4(10, 0, 0, 1), 51000, ip4(127, 0, 0, 1), 12345,
            PacketSummary.SYN);
    private static final PacketSummary SYN_ACK = Packets.tcp4(ip4(127, 0, 0, 1), 12345, ip4(10, 0, 0, 1), 51000,
            PacketSummary.SYN | PacketSummary.ACK);
    private static final PacketSummary DNS = Packets.udp4(ip4(192, 168, 1, 5), 40000, ip4(192, 168, 1, 1), 53);
    private static final PacketSummary V6 = Packets.udp6(0xfe80_0000_0000_0000L, 1, 0L, 1, 5353, 11111);
    private static final PacketSummary ARP = Packets.arp();
    private static final PacketSummary CUT = Packets.truncatedTcp();

    private static boolean matches(String filter, PacketSummary s) throws DisplayFilterException {
        return DisplayFilter.compile(filter).test(s);
    }

    private static void yes(String filter, PacketSummary... packets) throws DisplayFilterException {
        for (PacketSummary s : packets) {
            assertTrue(matches(filter, s), () -> filter + " should match frame with layers " + s.layers);
        }
    }

    private static void no(String filter, PacketSummary... packets) throws DisplayFilterException {
        for (PacketSummary s : packets) {
            assertFalse(matches(filter, s), () -> filter + " should not match frame with layers " + s.layers);
        }
    }

    @Test
    void emptyFilterMatchesAll() throws Exception {
        assertSame(DisplayFilter.MATCH_ALL, DisplayFilter.compile("  "));
        assertTrue(DisplayFilter.compile("").matchesAll());
        yes("", SYN, ARP);
        assertFalse(DisplayFilter.compile("tcp").matchesAll());
        assertEquals("tcp.port == 1", DisplayFilter.compile(" tcp.port == 1 ").text());
    }

    @Test
    void bareProtocolsTestPresence() throws Exception {
        yes("tcp", SYN, CUT);
        no("tcp", DNS, V6, ARP);
        yes("udp", DNS, V6);
        yes("ip", SYN, DNS);
        no("ip", V6, ARP);
        yes("ipv6", V6);
        yes("arp", ARP);
        yes("eth", SYN, ARP);
        yes("frame", SYN);
        no("vlan", SYN);
        no("icmp || icmpv6", SYN, DNS, V6, ARP);
    }

    @Test
    void bareFieldsAreTrueWhenPresent() throws Exception {
        yes("tcp.flags.ack", SYN); // as in Wireshark: present (with value 0), not "set"
        no("tcp.flags.ack", DNS);
        no("tcp.flags.syn", CUT); // flags not captured
        yes("tcp.srcport", CUT);
        yes("vlan.id || ip.src", SYN);
        no("vlan.id", SYN);
        yes("wiretop.reason", CUT);
        no("wiretop.reason", SYN);
    }

    @Test
    void numericComparisons() throws Exception {
        yes("tcp.dstport == 12345", SYN);
        yes("tcp.dstport eq 12345", SYN);
        yes("tcp.dstport == 0x3039", SYN);
        yes("tcp.dstport == 030071", SYN); // leading 0 is octal, as in Wireshark
        yes("tcp.dstport != 80", SYN);
        yes("tcp.dstport > 1024 && tcp.dstport >= 12345 && tcp.dstport <= 12345 && tcp.dstport < 12346", SYN);
        yes("tcp.dstport gt 1024 and tcp.dstport ge 12345 and tcp.dstport le 12345 and tcp.dstport lt 12346", SYN);
        no("tcp.dstport < 12345", SYN);
        yes("ip.ttl == 64 && ip.proto == 6 && ip.flags.df == 1 && ip.flags.mf == 0", SYN);
        yes("tcp.seq_raw == 4294967280", SYN);
        yes("frame.len == 74 && frame.number == 1 && eth.type == 0x0800", SYN);
    }

    @Test
    void absentFieldMakesEveryComparisonFalse() throws Exception {
        no("tcp.port == 53", DNS);
        no("tcp.port != 53", DNS); // Wireshark: the field is missing, so the test fails
        yes("!(tcp.port == 53)", DNS);
        no("ip.addr != 10.0.0.1", ARP, V6);
        no("tcp.flags.syn == 0", CUT);
    }

    @Test
    void eitherSideFields() throws Exception {
        yes("tcp.port == 12345", SYN, SYN_ACK);
        yes("tcp.port == 51000", SYN, SYN_ACK);
        no("tcp.port == 53", SYN);
        yes("udp.port == 53", DNS);
        no("udp.port == 53", SYN);
        yes("ip.addr == 10.0.0.1", SYN, SYN_ACK);
        yes("ip.addr == 127.0.0.1", SYN, SYN_ACK);
        // != means "no side equals" (Wireshark 4), so a flow's own address never passes
        no("ip.addr != 10.0.0.1", SYN, SYN_ACK);
        yes("ip.addr != 10.9.9.9", SYN);
        yes("ip.src == 10.0.0.1", SYN);
        no("ip.src == 10.0.0.1", SYN_ACK);
        yes("eth.addr == ff:ff:ff:ff:ff:ff && eth.addr == 00-11-22-33-44-55", SYN);
        yes("eth.src == 0011.2233.4455", SYN);
        no("eth.dst == 00:11:22:33:44:55", SYN);
    }

    @Test
    void subnets() throws Exception {
        yes("ip.addr == 10.0.0.0/8", SYN);
        yes("ip.src == 10.1.2.3/8", SYN); // host bits of the literal are ignored
        no("ip.src == 127.0.0.0/8", SYN);
        yes("ip.dst == 127.0.0.0/8", SYN);
        yes("ip.addr == 0.0.0.0/0", SYN);
        no("ip.addr != 127.0.0.0/8", SYN);
        yes("ip.dst == 192.168.1.1/32", DNS);
        yes("arp.src.proto_ipv4 == 192.168.1.0/24 && arp.opcode == 1", ARP);
    }

    @Test
    void ipv6Addresses() throws Exception {
        yes("ipv6.src == fe80::1", V6);
        yes("ipv6.dst == ::1", V6);
        yes("ipv6.addr == ::1 && ipv6.addr == fe80::1", V6);
        yes("ipv6.addr == fe80::/10", V6);
        no("ipv6.addr == fe80::/10 && ipv6.dst == fe80::/10", V6);
        no("ipv6.addr != ::1", V6);
        yes("ipv6.src == FE80:0:0:0:0:0:0:1", V6);
        yes("ipv6.src > ::1", V6);
        no("ipv6.addr == ::1", SYN);
        yes("ipv6.dst == ::0.0.0.1", V6);
    }

    @Test
    void tcpFlags() throws Exception {
        yes("tcp.flags.syn == 1 && tcp.flags.ack == 0", SYN);
        no("tcp.flags.syn == 1 && tcp.flags.ack == 0", SYN_ACK);
        yes("tcp.flags.syn == true && tcp.flags.ack == True", SYN_ACK);
        yes("tcp.flags == 0x012", SYN_ACK);
        yes("tcp.flags & 0x02", SYN, SYN_ACK);
        no("tcp.flags & 0x04", SYN);
        yes("tcp.flags & 0x12 == 0x12", SYN_ACK);
        no("tcp.flags & 0x12 == 0x12", SYN);
        yes("tcp.flags.fin == 0 && tcp.flags.rst == 0 && tcp.flags.reset == 0 && tcp.flags.push == 0"
                + " && tcp.flags.urg == 0", SYN);
    }

    @Test
    void precedenceAndGrouping() throws Exception {
        // && binds tighter than ||
        yes("udp || tcp && tcp.port == 1", DNS);
        no("(udp || tcp) && tcp.port == 1", DNS);
        yes("tcp.port == 1 && tcp || udp", DNS);
        // ! binds tightest
        yes("!tcp && udp", DNS);
        no("!(tcp || udp)", DNS);
        yes("not tcp and not arp", DNS);
        yes("!!tcp", SYN);
        yes("tcp or udp", DNS, SYN);
        yes("tcp xor udp", DNS);
        no("tcp ^^ ip", SYN);
        yes("((tcp))", SYN);
    }

    @Test
    void setsAndFieldComparisons() throws Exception {
        yes("tcp.port in {80 443 12345}", SYN);
        yes("tcp.port in {80, 12000..13000}", SYN);
        no("tcp.port in {80 443}", SYN);
        no("tcp.port in {53}", DNS);
        yes("udp.port in {53}", DNS);
        yes("tcp.srcport > tcp.dstport", SYN);
        no("ip.src == ip.dst", SYN);
        yes("ip.src != ip.dst", SYN);
    }

    @Test
    void ownStatusFields() throws Exception {
        yes("wiretop.status == \"truncated\"", CUT);
        yes("wiretop.status == truncated && wiretop.reason == tcp", CUT);
        no("wiretop.status == \"truncated\"", SYN);
        yes("wiretop.status != truncated", SYN);
        yes("wiretop.reason contains \"tc\"", CUT);
    }

    @Test
    void longChainsEvaluateWithoutDeepRecursion() throws Exception {
        String chain = String.join(" || ", java.util.Collections.nCopies(20_000, "tcp.port == 1")) + " || udp";
        yes(chain, DNS);
        no(chain, SYN);
        String all = String.join(" && ", java.util.Collections.nCopies(20_000, "tcp")) + " && tcp.port == 12345";
        yes(all, SYN);
    }

    @Test
    void knownNamesListProtocolsAndFields() {
        assertTrue(DisplayFilter.knownNames().containsAll(java.util.List.of("tcp", "ip.addr", "tcp.port",
                "tcp.flags.syn", "wiretop.status", "icmpv6.type", "arp.src.proto_ipv4", "frame.number")));
    }

    @Test
    void compiledFilterIsReusableAcrossPackets() throws Exception {
        DisplayFilter f = DisplayFilter.compile("tcp.port == 12345 || udp");
        assertTrue(f.test(SYN));
        assertFalse(f.test(ARP));
        assertTrue(f.test(DNS));
        assertTrue(f.test(SYN_ACK));
    }
}
