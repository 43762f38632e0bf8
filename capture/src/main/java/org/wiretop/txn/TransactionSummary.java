package org.wiretop.txn;

import static org.wiretop.decode.PacketSummary.*;

import java.util.Map;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketSummary;

/**
 * The end of {@code --transactions}: the count, the errors (HTTP status 400 or more, a DNS reply
 * code other than NOERROR, requests never answered) and latency p50/p90/p99/max in milliseconds
 * per server and per request kind ({@code GET /path}, {@code A example.org}). Percentiles are
 * exact (nearest rank) over the first {@link #SAMPLES} latencies of a group; at most
 * {@link #GROUPS} groups a table, the rest in {@code (other)}.
 */
public final class TransactionSummary implements TransactionSink {
    public static final int GROUPS = 1024, SAMPLES = 100_000;
    private final LatencyTable servers = new LatencyTable(GROUPS, SAMPLES);
    private final LatencyTable kinds = new LatencyTable(GROUPS, SAMPLES);
    private final LineBuilder name = new LineBuilder(64);
    private long count, httpErrors, dnsErrors;

    @Override
    public void onTransaction(Transaction t, PacketSummary response) {
        count++;
        boolean failed = t.failed();
        if (failed) {
            if (t.kind == TXN_HTTP) {
                httpErrors++;
            } else {
                dnsErrors++;
            }
        }
        name.setLength(0);
        TransactionLine.appendEndpoint(response, true, name);
        servers.add(name.toString(), t.latencyNanos(), failed);
        kinds.add(t.request.toString(), t.latencyNanos(), failed);
    }

    public long count() {
        return count;
    }

    public LatencyTable servers() {
        return servers;
    }

    public LatencyTable kinds() {
        return kinds;
    }

    /** The summary's text; {@code unanswered} and {@code forgotten} from {@link Transactions}. */
    public String text(long unanswered, long forgotten) {
        StringBuilder b = new StringBuilder();
        long errors = httpErrors + dnsErrors + unanswered;
        b.append("transactions: ").append(count).append(", errors: ").append(errors)
                .append(" (HTTP status >= 400: ").append(httpErrors).append(", DNS rcode != NOERROR: ").append(dnsErrors)
                .append(", unanswered: ").append(unanswered).append(')');
        if (forgotten > 0) {
            b.append(", forgotten at the bound: ").append(forgotten);
        }
        b.append('\n');
        table(b, "server", servers);
        table(b, "request", kinds);
        return b.toString();
    }

    private static void table(StringBuilder b, String title, LatencyTable table) {
        if (table.groups().isEmpty()) {
            return;
        }
        int width = title.length();
        for (String n : table.groups().keySet()) {
            width = Math.max(width, n.length());
        }
        b.append(String.format("%-" + width + "s %7s %7s %10s %10s %10s %10s%n", title, "count", "errors", "p50 ms",
                "p90 ms", "p99 ms", "max ms"));
        for (Map.Entry<String, LatencyTable.Group> e : table.groups().entrySet()) {
            LatencyTable.Group g = e.getValue();
            b.append(String.format("%-" + width + "s %7d %7d %10s %10s %10s %10s%s%n", e.getKey(), g.count(), g.errors(),
                    ms(g.percentile(50)), ms(g.percentile(90)), ms(g.percentile(99)), ms(g.max()),
                    g.capped() ? " (percentiles of the first " + SAMPLES + ")" : ""));
        }
    }

    private static String ms(long nanos) {
        return TransactionLine.appendMillis(new LineBuilder(16), nanos).toString();
    }
}
