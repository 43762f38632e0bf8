package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.monitor.flow.Segments.ACK;
import static org.wiretop.monitor.flow.Segments.FIN;
import static org.wiretop.monitor.flow.Segments.MS;
import static org.wiretop.monitor.flow.Segments.PSH;
import static org.wiretop.monitor.flow.Segments.RST;
import static org.wiretop.monitor.flow.Segments.SEC;
import static org.wiretop.monitor.flow.Segments.SYN;
import static org.wiretop.monitor.flow.Segments.ip4;
import static org.wiretop.monitor.flow.Segments.tcp4;
import static org.wiretop.monitor.flow.Segments.udp4;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;

class FlowTableTest {
    // The client's address sorts above the server's, so the client is the table's canonical
    // "B" side: the merge must still put it first.
    static final int CLIENT = ip4(10, 0, 0, 9), SERVER = ip4(10, 0, 0, 2);
    static final int CPORT = 50000, SPORT = 80;
    static final long T0 = 1_700_000_000L * SEC;
    static final long CISN = 1000, SISN = 5000;

    final FlowTable table = new FlowTable(FlowTableConfig.defaults(), LocalAddresses.none());

    void fromClient(long t, int flags, long seq, long ack, int len) {
        table.ingest(tcp4(t, CLIENT, CPORT, SERVER, SPORT, flags, seq, ack, len));
    }

    void fromServer(long t, int flags, long seq, long ack, int len) {
        table.ingest(tcp4(t, SERVER, SPORT, CLIENT, CPORT, flags, seq, ack, len));
    }

    FlowRecord only() {
        FlowSnapshot snap = table.snapshot();
        assertEquals(1, snap.activeFlows(), "one conversation: " + snap.flows());
        return snap.flows().get(0);
    }

    /** SYN at T0, SYN-ACK at +1 ms, ACK at +1.5 ms. */
    void handshake() {
        fromClient(T0, SYN, CISN, 0, 0);
        fromServer(T0 + MS, SYN | ACK, SISN, CISN + 1, 0);
        fromClient(T0 + 1500_000, ACK, CISN + 1, SISN + 1, 0);
    }

    @Test
    void bothDirectionsMergeIntoOneFlowWithTheSynSenderAsClient() {
        handshake();
        fromClient(T0 + 2 * MS, PSH | ACK, CISN + 1, SISN + 1, 100);
        fromServer(T0 + 3 * MS, PSH | ACK, SISN + 1, CISN + 101, 300);
        fromClient(T0 + 4 * MS, ACK, CISN + 101, SISN + 301, 0);

        FlowRecord f = only();
        assertEquals(FlowEndpoint.ipv4(CLIENT, CPORT), f.client());
        assertEquals(FlowEndpoint.ipv4(SERVER, SPORT), f.server());
        assertEquals("10.0.0.9:50000", f.client().toString());
        assertEquals(6, f.protocol());
        assertEquals(4, f.toServer().packets());
        assertEquals(2, f.toClient().packets());
        assertEquals(4 * 54 + 100, f.toServer().bytes());
        assertEquals(2 * 54 + 300, f.toClient().bytes());
        assertEquals(100, f.toServer().payloadBytes());
        assertEquals(300, f.toClient().payloadBytes());
        assertEquals(T0, f.firstSeenNanos());
        assertEquals(T0 + 4 * MS, f.lastSeenNanos());
        assertEquals(0, f.retransmissions());
        assertEquals(0, f.outOfOrder());
    }

    @Test
    void handshakeStatesAndRtts() {
        fromClient(T0, SYN, CISN, 0, 0);
        assertEquals(TcpState.SYN_SENT, only().state());
        assertEquals(-1, only().synToSynAckNanos());
        fromServer(T0 + MS, SYN | ACK, SISN, CISN + 1, 0);
        assertEquals(TcpState.SYN_RECEIVED, only().state());
        assertEquals(MS, only().synToSynAckNanos());
        assertEquals(-1, only().initialRttNanos());
        fromClient(T0 + 1500_000, ACK, CISN + 1, SISN + 1, 0);
        FlowRecord f = only();
        assertEquals(TcpState.ESTABLISHED, f.state());
        assertEquals(MS, f.synToSynAckNanos());
        assertEquals(1500_000, f.initialRttNanos());
    }

    @Test
    void aRetransmittedSynMeasuresRttFromTheLatestSynAndCountsAsRetransmission() {
        fromClient(T0, SYN, CISN, 0, 0);
        fromClient(T0 + SEC, SYN, CISN, 0, 0);
        fromServer(T0 + SEC + 2 * MS, SYN | ACK, SISN, CISN + 1, 0);
        fromClient(T0 + SEC + 3 * MS, ACK, CISN + 1, SISN + 1, 0);
        FlowRecord f = only();
        assertEquals(2 * MS, f.synToSynAckNanos());
        assertEquals(3 * MS, f.initialRttNanos());
        assertEquals(1, f.toServer().retransmissions());
    }

    @Test
    void refusedConnectionIsReset() {
        fromClient(T0, SYN, CISN, 0, 0);
        fromServer(T0 + MS, RST | ACK, 0, CISN + 1, 0);
        FlowRecord f = only();
        assertEquals(TcpState.RESET, f.state());
        assertEquals(1, f.toClient().packets());
        // Nothing after a reset revives the old conversation but a new SYN.
        fromClient(T0 + 2 * MS, ACK, CISN + 1, 0, 0);
        assertEquals(TcpState.RESET, only().state());
    }

    @Test
    void resetMidStream() {
        handshake();
        fromClient(T0 + 2 * MS, RST, CISN + 1, 0, 0);
        assertEquals(TcpState.RESET, only().state());
    }

    @Test
    void orderlyCloseGoesThroughFinWaitToClosed() {
        handshake();
        fromClient(T0 + 5 * MS, FIN | ACK, CISN + 1, SISN + 1, 0);
        assertEquals(TcpState.FIN_WAIT, only().state());
        fromServer(T0 + 6 * MS, ACK, SISN + 1, CISN + 2, 0);
        assertEquals(TcpState.FIN_WAIT, only().state());
        fromServer(T0 + 7 * MS, FIN | ACK, SISN + 1, CISN + 2, 0);
        assertEquals(TcpState.CLOSED, only().state());
        fromClient(T0 + 8 * MS, ACK, CISN + 2, SISN + 2, 0);
        assertEquals(TcpState.CLOSED, only().state());
        assertEquals(0, only().retransmissions());
    }

    @Test
    void serverClosingFirstAlsoEndsClosed() {
        handshake();
        fromServer(T0 + 5 * MS, FIN | ACK, SISN + 1, CISN + 1, 0);
        assertEquals(TcpState.FIN_WAIT, only().state());
        fromClient(T0 + 6 * MS, FIN | ACK, CISN + 1, SISN + 2, 0);
        assertEquals(TcpState.CLOSED, only().state());
    }

    @Test
    void simultaneousCloseEndsClosed() {
        handshake();
        // Both FINs cross on the wire: neither acknowledges the other's.
        fromClient(T0 + 5 * MS, FIN | ACK, CISN + 1, SISN + 1, 0);
        fromServer(T0 + 5 * MS + 10, FIN | ACK, SISN + 1, CISN + 1, 0);
        assertEquals(TcpState.CLOSED, only().state());
        fromClient(T0 + 6 * MS, ACK, CISN + 2, SISN + 2, 0);
        fromServer(T0 + 6 * MS, ACK, SISN + 2, CISN + 2, 0);
        FlowRecord f = only();
        assertEquals(TcpState.CLOSED, f.state());
        assertEquals(0, f.retransmissions());
    }

    @Test
    void aNewSynOnAClosedFlowStartsANewConversation() {
        handshake();
        fromClient(T0 + 5 * MS, FIN | ACK, CISN + 1, SISN + 1, 0);
        fromServer(T0 + 6 * MS, FIN | ACK, SISN + 1, CISN + 2, 0);
        fromClient(T0 + 7 * MS, ACK, CISN + 2, SISN + 2, 0);
        fromClient(T0 + 10 * SEC, SYN, 90_000, 0, 0);
        FlowRecord f = only();
        assertEquals(TcpState.SYN_SENT, f.state());
        assertEquals(1, f.packets());
        assertEquals(T0 + 10 * SEC, f.firstSeenNanos());
        assertEquals(2, table.snapshot().flowsCreated());
    }

    @Test
    void retransmissionsAreCountedPerDirection() {
        handshake();
        long t = T0 + 10 * MS;
        fromClient(t, PSH | ACK, CISN + 1, SISN + 1, 100);
        fromClient(t + MS, PSH | ACK, CISN + 101, SISN + 1, 100);
        // The first segment again, 200 ms later (an RTO): a retransmission.
        fromClient(t + 200 * MS, PSH | ACK, CISN + 1, SISN + 1, 100);
        // The latest segment again, right away: still a retransmission (it ends at nextSeq).
        fromClient(t + 200 * MS + 10, PSH | ACK, CISN + 101, SISN + 1, 100);
        // A keep-alive (1 byte at nextSeq - 1) is not.
        fromClient(t + 5 * SEC, ACK, CISN + 200, SISN + 1, 1);
        // Nor is new data starting on the probe byte (after a zero-window probe).
        fromClient(t + 6 * SEC, PSH | ACK, CISN + 200, SISN + 1, 100);
        // A pure ACK repeated (no sequence space) is not.
        fromServer(t + 6 * SEC, ACK, SISN + 1, CISN + 300, 0);
        fromServer(t + 6 * SEC + 1, ACK, SISN + 1, CISN + 300, 0);
        FlowRecord f = only();
        assertEquals(2, f.toServer().retransmissions());
        assertEquals(0, f.toServer().outOfOrder());
        assertEquals(0, f.toClient().retransmissions());
        assertEquals(400 + 1 + 100, f.toServer().payloadBytes());
        // ...and the stream goes on in order from there.
        fromClient(t + 7 * SEC, PSH | ACK, CISN + 300, SISN + 1, 100);
        assertEquals(2, only().toServer().retransmissions());
    }

    @Test
    void aSegmentFillingAHoleSoonAfterIsOutOfOrder() {
        handshake(); // initial RTT 1.5 ms: the out-of-order window
        long t = T0 + 10 * MS;
        fromServer(t, PSH | ACK, SISN + 1, CISN + 1, 100);
        fromServer(t + 10_000, PSH | ACK, SISN + 201, CISN + 1, 100); // 101..200 missing
        fromServer(t + 20_000, PSH | ACK, SISN + 101, CISN + 1, 100); // arrives 10 µs later
        FlowRecord f = only();
        assertEquals(1, f.toClient().outOfOrder());
        assertEquals(0, f.toClient().retransmissions());
        // The same hole filled long after (beyond the initial RTT) would be a retransmission.
        fromServer(t + 50 * MS, PSH | ACK, SISN + 101, CISN + 1, 100);
        assertEquals(1, only().toClient().retransmissions());
    }

    @Test
    void sequenceNumbersWrapAround() {
        long isn = 0xFFFFFFF0L;
        fromClient(T0, SYN, isn, 0, 0);
        fromServer(T0 + MS, SYN | ACK, SISN, isn + 1, 0);
        fromClient(T0 + 2 * MS, ACK, isn + 1, SISN + 1, 0);
        fromClient(T0 + 3 * MS, PSH | ACK, isn + 1, SISN + 1, 100);   // crosses 2^32
        fromClient(T0 + 4 * MS, PSH | ACK, isn + 101, SISN + 1, 100); // wrapped: small seq
        assertEquals(0, only().retransmissions());
        fromClient(T0 + 500 * MS, PSH | ACK, isn + 101, SISN + 1, 100);
        assertEquals(1, only().retransmissions());
    }

    @Test
    void midStreamFlowIsEstablishedWithTheEphemeralSideAsClient() {
        // First packet seen is the server's reply from port 443.
        table.ingest(tcp4(T0, SERVER, 443, CLIENT, 51000, PSH | ACK, 7000, 100, 50));
        FlowRecord f = only();
        assertEquals(TcpState.ESTABLISHED, f.state());
        assertEquals(51000, f.client().port());
        assertEquals(443, f.server().port());
        assertEquals(1, f.toClient().packets());
        assertEquals(-1, f.initialRttNanos());
    }

    @Test
    void udpFlowHasNoStateAndCountsPayload() {
        table.ingest(udp4(T0, CLIENT, 40000, SERVER, 53, 30));
        table.ingest(udp4(T0 + MS, SERVER, 53, CLIENT, 40000, 120));
        FlowRecord f = only();
        assertEquals(17, f.protocol());
        assertEquals("udp", f.protocolName());
        assertEquals(TcpState.NONE, f.state());
        assertEquals(40000, f.client().port());
        assertEquals(30, f.toServer().payloadBytes());
        assertEquals(120, f.toClient().payloadBytes());
    }

    @Test
    void ipv6FlowsAndUntrackedPackets() {
        long hi = 0x20010db800000000L;
        table.ingest(Segments.tcp6(T0, hi, 1, 40000, hi, 2, 443, SYN, 1, 0, 0));
        table.ingest(Segments.tcp6(T0 + MS, hi, 2, 443, hi, 1, 40000, SYN | ACK, 9, 2, 0));
        PacketSummary arp = new PacketSummary();
        arp.layers = PacketSummary.ETH | PacketSummary.ARP;
        table.ingest(arp);
        PacketSummary fragment = udp4(T0, CLIENT, -1, SERVER, -1, 0);
        fragment.laterFragment = true;
        table.ingest(fragment);
        FlowSnapshot snap = table.snapshot();
        assertEquals(1, snap.activeFlows());
        assertEquals(4, snap.packets());
        assertEquals(2, snap.untrackedPackets());
        FlowRecord f = snap.flows().get(0);
        assertEquals("[2001:db8::1]:40000", f.client().toString());
        assertEquals(TcpState.SYN_RECEIVED, f.state());
        assertEquals(MS, f.synToSynAckNanos());
    }

    @Test
    void directionComesFromTheLinkLayerElseFromOurAddresses() throws Exception {
        PacketSummary out = tcp4(T0, CLIENT, CPORT, SERVER, SPORT, SYN, CISN, 0, 0);
        out.sllPacketType = PacketSummary.SLL_OUTGOING;
        table.ingest(out);
        FlowRecord f = only();
        assertTrue(f.clientLocal());
        assertFalse(f.serverLocal());

        FlowTable t2 = new FlowTable(FlowTableConfig.defaults(), LocalAddresses.none());
        PacketSummary in = tcp4(T0, CLIENT, CPORT, SERVER, SPORT, SYN, CISN, 0, 0);
        in.sllPacketType = PacketSummary.SLL_HOST;
        t2.ingest(in);
        f = t2.snapshot().flows().get(0);
        assertFalse(f.clientLocal());
        assertTrue(f.serverLocal());

        FlowTable t3 = new FlowTable(FlowTableConfig.defaults(),
                LocalAddresses.of(InetAddress.getByName("10.0.0.2")));
        t3.ingest(tcp4(T0, CLIENT, CPORT, SERVER, SPORT, SYN, CISN, 0, 0)); // no link-layer direction
        f = t3.snapshot().flows().get(0);
        assertFalse(f.clientLocal());
        assertTrue(f.serverLocal());
    }

    @Test
    void ratesCoverTheSlidingWindow() {
        FlowTable t = new FlowTable(FlowTableConfig.defaults().withRateWindow(Duration.ofSeconds(4)),
                LocalAddresses.none());
        long start = 1_700_000_000L * SEC; // bucket-aligned
        // 10 packets a second each way for 6 s: client sends 1,000-byte frames, server 100-byte.
        for (int i = 0; i < 60; i++) {
            long at = start + i * 100 * MS;
            t.ingest(udp4(at, CLIENT, 40000, SERVER, 9, 1000 - 42));
            t.ingest(udp4(at + 1, SERVER, 9, CLIENT, 40000, 100 - 42));
        }
        FlowRecord f = t.snapshot(start + 6 * SEC).flows().get(0);
        // Window: the buckets of seconds 3, 4, 5 and the (empty) current one, 6.
        assertEquals(10.0, f.toServer().packetsPerSecond(), 1e-9);
        assertEquals(10_000.0, f.toServer().bytesPerSecond(), 1e-6);
        assertEquals(10.0, f.toClient().packetsPerSecond(), 1e-9);
        assertEquals(1_000.0, f.toClient().bytesPerSecond(), 1e-6);
        // Long after, the window is empty.
        FlowRecord later = t.snapshot(start + 60 * SEC).flows().get(0);
        assertEquals(0.0, later.toServer().packetsPerSecond());
        assertEquals(0.0, later.toClient().bytesPerSecond());
        // A young flow's rate is over its own life (at least one bucket).
        FlowTable young = new FlowTable(FlowTableConfig.defaults(), LocalAddresses.none());
        for (int i = 0; i < 20; i++) {
            young.ingest(udp4(start + 10 * SEC + i * 100 * MS, CLIENT, 40000, SERVER, 9, 100 - 42));
        }
        FlowRecord y = young.snapshot(start + 12 * SEC).flows().get(0);
        assertEquals(10.0, y.toServer().packetsPerSecond(), 1e-9);
    }

    @Test
    void publishingHandsOutImmutableSnapshotsOnlyWhenDue() {
        FlowTable t = new FlowTable(FlowTableConfig.defaults().withPublishInterval(Duration.ofMillis(500)),
                LocalAddresses.none());
        FlowSnapshot initial = t.published().get();
        assertEquals(0, initial.activeFlows());
        t.ingest(udp4(T0, CLIENT, 40000, SERVER, 53, 10));
        assertTrue(t.publishIfDue(T0));
        FlowSnapshot first = t.published().get();
        assertNotSame(initial, first);
        assertEquals(1, first.activeFlows());

        t.ingest(udp4(T0 + MS, CLIENT, 40001, SERVER, 53, 10));
        assertFalse(t.publishIfDue(T0 + 400 * MS));
        assertSame(first, t.published().get());
        assertEquals(1, first.activeFlows(), "a published snapshot never changes");
        assertEquals(1, first.flows().get(0).packets());

        assertTrue(t.publishIfDue(T0 + 500 * MS));
        assertEquals(2, t.published().get().activeFlows());
        assertEquals(2, t.published().get().packets());
    }
}
