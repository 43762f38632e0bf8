package org.wiretop.capture.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.AppFixtures;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Application-layer filters on real decodes of the fixtures: every protocol and field of the
 * dissector table is a name, multi-valued fields match as Wireshark's do, text is compared,
 * searched and matched, and a protocol's bytes are searched. (DisplayFilterTsharkTest holds the
 * same filters to tshark's engine; this test pins the semantics one by one.)
 */
class AppFilterTest {
    private static final Map<String, byte[]> FRAMES = AppFixtures.byName();

    /** The fixture decoded by a decoder of its own (a summary's app flyweight belongs to its decoder). */
    private static PacketSummary decoded(String fixture) {
        byte[] f = FRAMES.get(fixture);
        PacketSummary s = new PacketSummary();
        new Decoder().decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
        return s;
    }

    private static final PacketSummary QUERY = decoded("dns-query-udp");
    private static final PacketSummary RESPONSE = decoded("dns-response-udp");
    private static final PacketSummary TCP_RESPONSE = decoded("dns-response-tcp");
    private static final PacketSummary MDNS = decoded("mdns-query-udp");
    private static final PacketSummary SYN = Packets.tcp4(Packets.ip4(10, 0, 0, 1), 51000,
            Packets.ip4(127, 0, 0, 1), 53, PacketSummary.SYN);

    private static void yes(String filter, PacketSummary... packets) throws DisplayFilterException {
        DisplayFilter f = DisplayFilter.compile(filter);
        for (PacketSummary s : packets) {
            assertTrue(f.test(s), () -> filter + " should match " + s.app);
        }
    }

    private static void no(String filter, PacketSummary... packets) throws DisplayFilterException {
        DisplayFilter f = DisplayFilter.compile(filter);
        for (PacketSummary s : packets) {
            assertFalse(f.test(s), () -> filter + " should not match " + s.app);
        }
    }

    @Test
    void everyTableProtocolAndFieldIsAName() {
        List<String> names = DisplayFilter.knownNames();
        assertTrue(names.containsAll(List.of("dns", "mdns", "llmnr", "dns.qry.name", "dns.a", "dns.aaaa",
                "dns.flags.response")), names.toString());
    }

    @Test
    void bareProtocolsNameTheApplication() throws Exception {
        yes("dns", QUERY, RESPONSE, TCP_RESPONSE);
        no("dns", MDNS, SYN);
        yes("mdns", MDNS);
        no("mdns || llmnr", QUERY, RESPONSE);
        yes("dns && udp.port == 53", QUERY, RESPONSE);
        yes("dns && tcp", TCP_RESPONSE);
        yes("udp && !dns", MDNS);
    }

    @Test
    void numbersAndAddresses() throws Exception {
        yes("dns.id == 0x1234", QUERY, RESPONSE, MDNS);
        yes("dns.flags.response == 1", RESPONSE, TCP_RESPONSE);
        no("dns.flags.response == 1", QUERY, SYN);
        yes("dns.a == 93.184.216.34", RESPONSE, TCP_RESPONSE);
        no("dns.a == 93.184.216.34", QUERY);
        yes("dns.a == 93.184.0.0/16 && dns.a > 93.0.0.0", RESPONSE);
        yes("dns.aaaa == 2606:2800:220:1::1 && dns.aaaa == 2606::/16", RESPONSE);
        no("dns.aaaa != 2606:2800:220:1::1", RESPONSE, QUERY);
        yes("dns.qry.type in {1 28}", QUERY);
        yes("dns.id & 0x0f00 == 0x0200", QUERY);
        yes("dns.count.answers >= 4", RESPONSE);
    }

    @Test
    void absentFieldsMatchNothingWhateverTheOperator() throws Exception {
        no("dns.a != 1.2.3.4", QUERY, SYN);
        no("dns.qry.name != \"x\"", SYN);
        yes("!(dns.a == 1.2.3.4)", QUERY, SYN);
    }

    @Test
    void text() throws Exception {
        yes("dns.qry.name == \"example.com\"", QUERY, RESPONSE, MDNS);
        yes("dns.qry.name == example.com", QUERY);
        no("dns.qry.name == \"Example.com\"", QUERY);
        no("dns.qry.name != \"example.com\"", QUERY);
        yes("dns.qry.name contains \"ample\"", QUERY);
        no("dns.qry.name contains \"AMPLE\"", QUERY);
        yes("dns.qry.name > \"e\" && dns.qry.name < \"f\" && dns.qry.name >= \"example.com\"", QUERY);
        // Wireshark's matches: a search, case-insensitive unless (?-i)
        yes("dns.qry.name matches \"AMPLE\\\\.c\"", QUERY);
        no("dns.qry.name matches \"(?-i)AMPLE\"", QUERY);
        yes("dns.qry.name ~ \"^ex.*com$\"", QUERY);
        no("dns.qry.name matches \"^ample\"", QUERY);
        yes("dns.qry.name contains \"\\x65x\\141m\"", QUERY);
    }

    @Test
    void multiValuedFieldsMatchAnyOccurrenceAndNotEqualNeedsAll() throws Exception {
        // the response's CNAME target is www.example.com; it has one A and one AAAA
        yes("dns.cname == \"www.example.com\"", RESPONSE);
        no("dns.cname != \"www.example.com\"", RESPONSE);
        yes("dns.cname != \"x.example.com\"", RESPONSE);
        yes("dns.cname matches \"^www\\\\.\"", RESPONSE);
    }

    @Test
    void protocolBytesAreSearched() throws Exception {
        yes("frame contains \"example\"", QUERY);
        yes("dns contains 07:65:78:61", QUERY);
        yes("udp contains \"example\" && ip contains 03:63:6f:6d", QUERY);
        yes("tcp contains \"www\"", TCP_RESPONSE);
        no("tcp contains \"example\"", QUERY);
        yes("frame matches \"EXAMPLE\"", QUERY);
        no("frame matches \"(?-i)EXAMPLE\"", QUERY);
        no("dns contains \"example\"", SYN);
        yes("eth contains 08:00", QUERY);
    }

    @Test
    void aProtocolChosenByDecodeAsIsFilteredLikeAnyOther() throws Exception {
        byte[] f = FRAMES.get("text-udp");
        PacketSummary text = new PacketSummary();
        new Decoder(AppFixtures.DECODE_AS).decode(Decoder.DLT_EN10MB, f, f.length, f.length, text);
        yes("text && text.line == \"second\" && text.line contains \"wor\" && text.line matches \"^T..$\"", text);
        no("text.line != \"second\" || dns", text);
        no("text", decoded("text-udp"));
    }

    @Test
    void evaluationAllocatesNothingOnceWarm() throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off in this JVM");
        DisplayFilter f = DisplayFilter.compile("(dns.a == 93.184.0.0/16 && dns.aaaa == 2606::/16)"
                + " || dns.qry.type in {28 33} || dns.id & 0x8000 || dns.qry.name contains \"exa\" && mdns"
                + " || dns.cname matches \"^www\\\\.\" && dns.cname != \"x\" || frame contains \"no-such\""
                + " || udp matches \"(?-i)no-such\"");
        PacketSummary[] packets = {QUERY, RESPONSE, TCP_RESPONSE, MDNS, SYN};
        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            matched += f.test(packets[i % packets.length]) ? 1 : 0;
        }
        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            matched += f.test(packets[i % packets.length]) ? 1 : 0;
        }
        long allocated = mx.getThreadAllocatedBytes(thread) - before;
        assertEquals(120_000 / packets.length * 3, matched); // the responses and the mDNS query
        assertTrue(allocated < 1024, "100,000 evaluations allocated " + allocated + " bytes");
    }
}
