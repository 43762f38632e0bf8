package org.wiretop.tui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.PacketSummary;
import org.wiretop.tui.model.TxnModel;
import org.wiretop.tui.model.TxnRow;
import org.wiretop.txn.Transaction;
import org.wiretop.txn.TransactionLine;
import org.wiretop.txn.TransactionSink;

/**
 * The transactions {@link RingAnalysis} finds in the ring, for the Transactions view: the newest
 * {@link #MAX} kept (older ones counted as dropped), sorted on demand, the slow ones being those
 * at or above the p90 latency of the rows held. UI thread only.
 */
public final class RingTransactions implements TransactionSink {
    /** Transactions held. */
    public static final int MAX = 10_000;

    private final TimestampStyle clock;
    private final ArrayDeque<TxnRow> rows = new ArrayDeque<>();
    private final LineBuilder b = new LineBuilder(256);
    private long dropped, version;
    // the last arrangement, kept while nothing changed
    private long arrangedVersion = -1;
    private Object arrangedBy;
    private List<TxnRow> arranged = List.of();
    private long errors, p50 = -1, p90 = -1;

    public RingTransactions() {
        this(TimestampStyle.localTime(false));
    }

    RingTransactions(TimestampStyle clock) {
        this.clock = clock;
    }

    @Override
    public void onTransaction(Transaction t, PacketSummary response) {
        b.setLength(0);
        clock.append(b, t.requestNanos);
        String time = b.toString();
        b.setLength(0);
        TransactionLine.appendEndpoint(response, false, b);
        String client = b.toString();
        b.setLength(0);
        TransactionLine.appendEndpoint(response, true, b);
        String server = b.toString();
        b.setLength(0);
        TransactionLine.appendStatus(t, b);
        add(new TxnRow(time, t.requestNanos, t.kind == PacketSummary.TXN_DNS ? "DNS" : "HTTP", client, server,
                t.request.toString(), b.toString(), t.latencyNanos(), t.requestBytes, t.responseBytes, t.failed()));
    }

    /** Adds a row (the oldest goes when {@link #MAX} are held). */
    public void add(TxnRow row) {
        if (rows.size() == MAX) {
            rows.removeFirst();
            dropped++;
        }
        rows.addLast(row);
        version++;
    }

    /** The rows sorted as asked, with the figures over all of them. */
    public List<TxnRow> arranged(UiState.TxnSort sort, boolean descending) {
        Object by = List.of(sort, descending);
        if (arrangedVersion != version || !by.equals(arrangedBy)) {
            List<TxnRow> list = new ArrayList<>(rows);
            Comparator<TxnRow> c = switch (sort) {
                case TIME -> Comparator.comparingLong(TxnRow::requestNanos);
                case LATENCY -> Comparator.comparingLong(TxnRow::latencyNanos);
                case SERVER -> Comparator.comparing(TxnRow::server);
                case REQUEST -> Comparator.comparing(TxnRow::request);
            };
            list.sort(descending ? c.reversed() : c);
            long[] latencies = new long[list.size()];
            errors = 0;
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = list.get(i).latencyNanos();
                errors += list.get(i).error() ? 1 : 0;
            }
            Arrays.sort(latencies);
            p50 = percentile(latencies, 50);
            p90 = percentile(latencies, 90);
            arranged = list;
            arrangedVersion = version;
            arrangedBy = by;
        }
        return arranged;
    }

    /** The model for a window of the arranged rows (call {@link #arranged} first). */
    public TxnModel model(List<TxnRow> window) {
        return new TxnModel(window, arranged.size(), errors, p50, p90, dropped);
    }

    /** Nearest rank, or -1 when empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
