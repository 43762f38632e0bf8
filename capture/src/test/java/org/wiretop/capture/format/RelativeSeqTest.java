package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;

/** The conversation table itself: lookups survive growth, and a full table starts afresh. */
class RelativeSeqTest {
    @Test
    void manyConversationsKeepTheirBasesThroughGrowth() {
        RelativeSeq table = new RelativeSeq();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            table.track(segment(i, 0x12, 1_000_000L * i, 7)); // SYN-ACK from the server: recorded
        }
        assertEquals(n, table.size());
        for (int i = 0; i < n; i++) {
            table.track(segment(i, 0x10, 1_000_000L * i + 5, 9));
            assertEquals(5, table.seq(1_000_000L * i + 5), "conversation " + i);
            assertEquals(3, table.ack(9), "conversation " + i);
        }
    }

    @Test
    void aFullTableIsClearedAndFillsAgain() {
        RelativeSeq table = new RelativeSeq(1 << 10);
        for (int i = 0; i < 5_000; i++) {
            table.track(segment(i, 0x12, 100, 7));
        }
        assertEquals(true, table.size() <= 1 << 10, "size " + table.size());
        table.track(segment(4_999, 0x10, 105, 7));
        assertEquals(5, table.seq(105)); // the newest conversation is still known
    }

    /** Server 10.0.0.1:443 to client 10.(i)/16:40000, with the given flags, seq and ack. */
    private static PacketSummary segment(int i, int flags, long seq, long ack) {
        PacketSummary s = new PacketSummary();
        s.layers = PacketSummary.ETH | PacketSummary.IP4 | PacketSummary.TCP;
        s.ip4Src = 0x0a000001;
        s.ip4Dst = 0x0b000000 | i;
        s.srcPort = 443;
        s.dstPort = 40000;
        s.tcpFlags = flags;
        s.tcpSeq = seq;
        s.tcpAck = ack;
        return s;
    }
}
