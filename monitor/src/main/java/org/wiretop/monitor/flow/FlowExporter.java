package org.wiretop.monitor.flow;

import java.time.Duration;

/**
 * Turns an exportable {@link FlowTable} into flow records, as a flow probe (softflowd, nProbe)
 * does: a conversation's counts since its last record leave as one {@link FlowExportRecord}
 *
 * <ul>
 *   <li>once it has been quiet for the <b>idle timeout</b> (reason idleTimeout), or for
 *       {@value #FINISHED_QUIET_SECONDS} s (at most the idle timeout) after TCP saw both FINs or
 *       a RST (endOfFlow: the last ACK has come by then);</li>
 *   <li>every <b>active timeout</b> while it goes on (activeTimeout), so long conversations are
 *       reported as they run;</li>
 *   <li>when the table evicts it for space (lackOfResources), or reuses its entry for a new
 *       connection on the same ports (endOfFlow);</li>
 *   <li>at the end of the capture, for every flow still open (forcedEnd, or endOfFlow if TCP
 *       had finished).</li>
 * </ul>
 * A conversation stays in the table after a record (the UI and {@code --flows} still see it);
 * its next packet opens a new interval. Time is the caller's clock: packet time for files,
 * packet time or the wall clock live. Capture thread only, as the table.
 *
 * <p>Each exportable entry carries {@value FlowLayout#EXPORT_WORDS} words after the table's own:
 * the interval's first packet time ({@link FlowTable#NO_INTERVAL} when nothing is unreported),
 * and what each side had sent by the last record (packets, IP bytes, retransmissions) so a
 * record carries differences. The hot {@link FlowLayout#OPEN} bit mirrors "the interval's start is
 * set", so a packet need not touch the line that holds it.
 */
public final class FlowExporter {
    static final int X_START = FlowLayout.EXPORT;
    private static final int X_PKTS_A = X_START + 1, X_BYTES_A = X_START + 2, X_PKTS_B = X_START + 3,
            X_BYTES_B = X_START + 4;
    /** Retransmissions reported: side A's in the high 32 bits, side B's in the low. */
    private static final int X_RETRANS = X_START + 5;
    static final int FINISHED_QUIET_SECONDS = 2;
    private static final long LOW32 = 0xFFFFFFFFL;
    private static final int TCP = 6, ICMP = 1, ICMPV6 = 58;

    private final FlowTable table;
    private final FlowStore store;
    private final long[] d;
    private final long activeNanos, idleNanos, finishedQuietNanos, scanNanos;
    private final FlowRecordSink sink;
    private final FlowExportRecord r = new FlowExportRecord();
    private long lastScan;
    private boolean scanned;
    private long records;

    /**
     * @param table  an exportable table ({@code new FlowTable(config, local, true)}); this
     *               exporter becomes its retirement hook
     * @param active active timeout: the longest interval one record covers
     * @param idle   idle timeout: the quiet after which a flow's record leaves
     */
    public FlowExporter(FlowTable table, Duration active, Duration idle, FlowRecordSink sink) {
        if (active.isNegative() || active.isZero() || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        this.table = table;
        this.store = table.store;
        this.d = table.d;
        this.activeNanos = active.toNanos();
        this.idleNanos = idle.toNanos();
        this.finishedQuietNanos = Math.min(idleNanos, FINISHED_QUIET_SECONDS * 1_000_000_000L);
        this.scanNanos = Math.max(1_000_000L, Math.min(1_000_000_000L, idleNanos / 2));
        this.sink = sink;
        table.setRetirement(this::retire);
    }

    /**
     * Exports what timed out by {@code nowNanos}, at most once a second (or twice an idle
     * timeout): cheap when not due, so it may be called for every packet. Returns whether it scanned.
     */
    public boolean tick(long nowNanos) {
        if (scanned && nowNanos - lastScan < scanNanos) {
            return false;
        }
        scanned = true;
        lastScan = nowNanos;
        int n = store.size();
        for (int e = 0; e < n; e++) {
            int b = store.base(e);
            if ((d[b + FlowLayout.INFO] & FlowLayout.OPEN) == 0) {
                continue;
            }
            long start = d[b + X_START];
            long quiet = nowNanos - d[b + FlowLayout.LAST_NS];
            boolean finished = finished(b);
            if (quiet >= idleNanos || (finished && quiet >= finishedQuietNanos)) {
                emit(e, finished ? FlowExportRecord.END_OF_FLOW : FlowExportRecord.IDLE_TIMEOUT);
            } else if (nowNanos - start >= activeNanos) {
                emit(e, FlowExportRecord.ACTIVE_TIMEOUT);
            }
        }
        sink.endOfBatch();
        return true;
    }

    /** At the end of the capture: a last record for every flow with unreported packets. */
    public void finish() {
        int n = store.size();
        for (int e = 0; e < n; e++) {
            int b = store.base(e);
            if ((d[b + FlowLayout.INFO] & FlowLayout.OPEN) != 0) {
                emit(e, finished(b) ? FlowExportRecord.END_OF_FLOW : FlowExportRecord.FORCED_END);
            }
        }
        sink.endOfBatch();
    }

    /** Records handed to the sink so far. */
    public long records() {
        return records;
    }

    private boolean finished(int b) {
        return (d[b + FlowStore.META] >>> 40 & 0xff) == TCP
                && FlowTable.STATES[(int) (d[b + FlowLayout.INFO] & FlowLayout.STATE_MASK)].isFinished();
    }

    /** The table is about to evict or reuse {@code entry}: its unreported counts leave first. */
    private void retire(int entry, int reason) {
        if ((d[store.base(entry) + FlowLayout.INFO] & FlowLayout.OPEN) != 0) {
            emit(entry, reason);
        }
    }

    private void emit(int entry, int reason) {
        int b = store.base(entry);
        long meta = d[b + FlowStore.META];
        int proto = (int) (meta >>> 40) & 0xff;
        long info = d[b + FlowLayout.INFO];
        boolean clientIsA = (info & FlowLayout.CLIENT_IS_A) != 0;
        int a = b + FlowLayout.SIDE_A, bb = b + FlowLayout.SIDE_B;
        int qa = b + FlowLayout.SEQ_A, qb = b + FlowLayout.SEQ_B;
        long pktsA = d[a + FlowLayout.PKTS] - d[b + X_PKTS_A], octA = d[a + FlowLayout.IP_BYTES] - d[b + X_BYTES_A];
        long pktsB = d[bb + FlowLayout.PKTS] - d[b + X_PKTS_B], octB = d[bb + FlowLayout.IP_BYTES] - d[b + X_BYTES_B];
        long retrans = d[b + X_RETRANS];
        long retA = (d[qa + FlowLayout.RETRANS] - (retrans >>> 32)) & LOW32;
        long retB = (d[qb + FlowLayout.RETRANS] - retrans) & LOW32;
        int l4A = (int) (info >>> FlowLayout.L4_A_SHIFT & FlowLayout.L4_MASK);
        int l4B = (int) (info >>> FlowLayout.L4_B_SHIFT & FlowLayout.L4_MASK);
        boolean tcp = proto == TCP, icmp = proto == ICMP || proto == ICMPV6;

        FlowExportRecord r = this.r;
        r.protocol = proto;
        r.family = (int) (meta >>> 32) & 0xff;
        int portA = (int) (meta >>> 16) & 0xffff, portB = (int) meta & 0xffff;
        long aHi = d[b + FlowStore.A_HI], aLo = d[b + FlowStore.A_LO], bHi = d[b + FlowStore.B_HI], bLo = d[b + FlowStore.B_LO];
        boolean localA = (info & FlowLayout.LOCAL_A) != 0, localB = (info & FlowLayout.LOCAL_B) != 0;
        r.clientHi = clientIsA ? aHi : bHi;
        r.clientLo = clientIsA ? aLo : bLo;
        r.clientPort = clientIsA ? portA : portB;
        r.clientLocal = clientIsA ? localA : localB;
        r.serverHi = clientIsA ? bHi : aHi;
        r.serverLo = clientIsA ? bLo : aLo;
        r.serverPort = clientIsA ? portB : portA;
        r.serverLocal = clientIsA ? localB : localA;
        r.forwardPackets = clientIsA ? pktsA : pktsB;
        r.forwardOctets = clientIsA ? octA : octB;
        r.reversePackets = clientIsA ? pktsB : pktsA;
        r.reverseOctets = clientIsA ? octB : octA;
        int l4Fwd = clientIsA ? l4A : l4B, l4Rev = clientIsA ? l4B : l4A;
        r.forwardTcpFlags = tcp ? l4Fwd : 0;
        r.reverseTcpFlags = tcp ? l4Rev : 0;
        r.forwardIcmpTypeCode = icmp && l4Fwd != 0 ? l4Fwd - 1 : -1;
        r.reverseIcmpTypeCode = icmp && l4Rev != 0 ? l4Rev - 1 : -1;
        r.forwardRetransmissions = tcp ? (clientIsA ? retA : retB) : 0;
        r.reverseRetransmissions = tcp ? (clientIsA ? retB : retA) : 0;
        r.startNanos = d[b + X_START];
        r.endNanos = d[b + FlowLayout.LAST_NS];
        r.synToSynAckNanos = tcp ? table.tcp().clientRtt(b, info) : -1;
        r.initialRttNanos = tcp ? table.tcp().initialRtt(b, info) : -1;
        r.state = tcp ? FlowTable.STATES[(int) (info & FlowLayout.STATE_MASK)] : TcpState.NONE;
        r.endReason = reason;
        sink.accept(r);
        records++;

        d[b + X_PKTS_A] = d[a + FlowLayout.PKTS];
        d[b + X_BYTES_A] = d[a + FlowLayout.IP_BYTES];
        d[b + X_PKTS_B] = d[bb + FlowLayout.PKTS];
        d[b + X_BYTES_B] = d[bb + FlowLayout.IP_BYTES];
        d[b + X_RETRANS] = (d[qa + FlowLayout.RETRANS] << 32) | (d[qb + FlowLayout.RETRANS] & LOW32);
        d[b + FlowLayout.INFO] = info & ~(FlowLayout.OPEN | FlowLayout.L4_MASK << FlowLayout.L4_A_SHIFT
                | FlowLayout.L4_MASK << FlowLayout.L4_B_SHIFT);
        d[b + X_START] = FlowTable.NO_INTERVAL;
    }
}
