package org.wiretop.cli;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.PacketSummary;
import org.wiretop.txn.Transaction;
import org.wiretop.txn.TransactionLine;
import org.wiretop.txn.TransactionSink;
import org.wiretop.txn.TransactionSummary;

/**
 * {@code --transactions}: one line a transaction as its response completes (instead of packet
 * lines), and the summary at the end ({@link TransactionSummary}). Runs on the capture thread.
 */
final class TransactionOutput implements TransactionSink {
    private final LineOutput out;
    private final TimestampStyle time;
    private final LineBuilder line = new LineBuilder(512);
    private final TransactionSummary summary = new TransactionSummary();

    /** @param out where lines go, or null (-q: the summary alone) */
    TransactionOutput(LineOutput out, TimestampStyle time) {
        this.out = out;
        this.time = time;
    }

    @Override
    public void onTransaction(Transaction t, PacketSummary response) {
        summary.onTransaction(t, response);
        if (out != null) {
            line.setLength(0);
            TransactionLine.append(t, response, time, line);
            out.write(line.append('\n'));
        }
    }

    TransactionSummary summary() {
        return summary;
    }
}
