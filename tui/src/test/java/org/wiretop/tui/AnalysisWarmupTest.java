package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;
import org.wiretop.tui.model.TxnRow;

/**
 * The warm-up's made-up traffic takes the paths a real burst takes (else it warms the wrong
 * code): every packet decodes whole, the TCP ones get stream numbers and some are flagged as
 * retransmissions, and the DNS queries meet their responses.
 */
class AnalysisWarmupTest {
    @Test
    void theMadeUpTrafficDecodesAndIsAnalysedAsRealTrafficIs() {
        RingAnalysis analysis = AnalysisWarmup.run(1);
        PacketRing ring = analysis.ring();
        assertEquals(AnalysisWarmup.PACKETS, ring.end() - ring.first());
        assertEquals(0, analysis.skipped());
        int tcp = 0, retransmitted = 0, dns = 0;
        for (long seq = ring.first(); seq < ring.end(); seq++) {
            RawPacket p = ring.read(seq);
            PacketSummary s = new PacketSummary();
            DecodeChoices.none().follower().decoder().decode(ring.linkType(), p.data(), p.data().length, p.wireLength(), s);
            analysis.apply(seq, s);
            assertEquals(Status.OK, s.status, "packet " + seq);
            if (s.transportProtocol == 6) {
                tcp++;
                retransmitted += (s.tcpAnalysis & PacketSummary.TA_RETRANSMISSION) != 0 ? 1 : 0;
            }
            dns += s.app != null && (s.srcPort == 53 || s.dstPort == 53) ? 1 : 0;
        }
        assertTrue(tcp >= AnalysisWarmup.PACKETS / 2 - 64, "TCP segments: " + tcp);
        assertTrue(retransmitted > 0, "some TCP segments are retransmissions");
        assertTrue(dns >= AnalysisWarmup.PACKETS / 4 - 64, "DNS messages: " + dns);
        java.util.List<TxnRow> rows = analysis.transactions().arranged(UiState.TxnSort.TIME, false);
        assertTrue(!rows.isEmpty() && rows.stream().allMatch(r -> r.request().contains("example.com")),
                "DNS queries met their responses: " + rows.size());
    }
}
