package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.model.DetailModel;
import org.wiretop.tui.model.PacketRow;

/** The application layer in the UI: Proto and Info of the packet list, the detail's layer, decode-as. */
class AppRowsTest {
    @Test
    void dnsRowsNameTheProtocolAndLeadWithWiresharksInfo() {
        PacketRows rows = new PacketRows();
        PacketRow q = rows.row(AppPackets.dnsQuery(0));
        assertEquals("DNS", q.protocol());
        assertEquals("Standard query 0x1234 A example.com", q.info()); // the DNS dissector's Info
        assertEquals("127.0.0.1:40000", q.source());
        PacketRow r = rows.row(AppPackets.dnsResponse(1));
        assertEquals("Standard query response 0x1234 A example.com CNAME www.example.com A 93.184.216.34"
                + " AAAA 2606:2800:220:1::1", r.info());
    }

    @Test
    void overTcpTheSegmentFollowsInTcpdumpsWords() {
        DecodeChoices choices = new DecodeChoices(List.of("12345=text"));
        PacketRow r = new PacketRows(choices).row(
                AppPackets.tcp(0, 50000, 12345, "hello\r\nthere\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("TEXT", r.protocol());
        assertEquals("\"hello\" | Flags [P.], seq 1:14, ack 1, win 65535, length 13", r.info());
    }

    @Test
    void aBareAckOnAnApplicationPortStaysTcp() {
        PacketRow r = new PacketRows().row(AppPackets.tcp(0, 50000, 53, new byte[0]));
        assertEquals("TCP", r.protocol());
        assertTrue(r.info().startsWith("Flags [P.]"), r.info());
    }

    @Test
    void aBuiltInServerThatStartsIsDecodedAsTextFromThenOnUnlessTheUserSaidOtherwise() {
        DecodeChoices choices = new DecodeChoices(List.of("9000=dns"));
        PacketRows rows = new PacketRows(choices);
        RawPacket echo = AppPackets.udp(0, 40000, 11111, "abc\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("UDP", rows.row(echo).protocol());
        new BuiltInServers(choices).close(); // nothing started: no choice
        choices.serverListening(11111, BuiltInServers.protocolOf(org.wiretop.monitor.servers.ServerKind.UPPER));
        choices.serverListening(9000, "text");
        PacketRow r = rows.row(echo);
        assertEquals("TEXT", r.protocol());
        assertEquals("\"abc\"", r.info());
        assertEquals("DNS", rows.row(AppPackets.udp(1, 40000, 9000, AppPackets.payload("dns-query-udp"))).protocol());
    }

    @Test
    void theDetailHasALayerPerApplicationWithItsFieldsAndBytes() {
        DetailModel d = new DetailBuilder().build(AppPackets.dnsResponse(0));
        DetailModel.Layer dns = d.layers().get(4);
        assertEquals("DNS, Standard query response 0x1234 A example.com CNAME www.example.com A 93.184.216.34"
                + " AAAA 2606:2800:220:1::1", dns.title());
        assertEquals(42, dns.from());
        assertEquals(d.data().length, dns.to());
        assertTrue(dns.fields().contains("Query name: example.com  (dns.qry.name)"), dns.fields().toString());
        assertTrue(dns.fields().contains("Response: true  (dns.flags.response)"), dns.fields().toString());
        assertTrue(dns.fields().contains("Address: 93.184.216.34  (dns.a)"), dns.fields().toString());
        assertTrue(dns.fields().contains("AAAA Address: 2606:2800:220:1::1  (dns.aaaa)"), dns.fields().toString());
        assertEquals(5, d.layers().size(), "nothing after the application: " + d.layers());
    }

    @Test
    void multiValuedFieldsAreListedOneLineEach() {
        DecodeChoices choices = new DecodeChoices(List.of("12345=text"));
        DetailModel d = new DetailBuilder(choices).build(
                AppPackets.udp(0, 40000, 12345, "one\ntwo\u0007\n".getBytes(StandardCharsets.US_ASCII)));
        DetailModel.Layer text = d.layers().get(d.layers().size() - 1);
        assertEquals(List.of("Line: one  (text.line)", "Line: two.  (text.line)"), text.fields());
    }
}
