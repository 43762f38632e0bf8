package org.wiretop.monitor.flow;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.wiretop.monitor.socket.SocketOwner;
import org.wiretop.monitor.socket.SocketTable;

/**
 * The per-conversation table printed at the end of {@code wiretop capture --flows}: the columns of
 * {@code tshark -z conv,tcp} (A &lt;-&gt; B, frames and bytes each way, total, relative start,
 * duration; "&lt;-" is what B sent to A, "-&gt;" what A sent to B, as tshark has it) with A the
 * client, plus what tshark lacks: TCP state, handshake RTT, retransmissions, out-of-order
 * segments and the owning process. One section a protocol (TCP, UDP, other), each sorted by
 * total bytes, most first; a totals line with evictions closes the report.
 */
public final class FlowReport {
    private static final String RULE = "=".repeat(80);

    private FlowReport() {
    }

    /** The report without processes. */
    public static void print(FlowSnapshot snapshot, PrintStream out) {
        print(snapshot, f -> Optional.empty(), out);
    }

    /** The report, processes looked up in one socket table (taken while the flows were alive). */
    public static void print(FlowSnapshot snapshot, SocketTable sockets, PrintStream out) {
        print(snapshot, f -> FlowOwnerResolver.resolve(f, sockets).flatMap(FlowOwnership::process), out);
    }

    /** The report with any owner lookup (empty = unknown, printed as "-"). */
    public static void print(FlowSnapshot snapshot, Function<FlowRecord, Optional<SocketOwner>> owners,
                             PrintStream out) {
        printLabelled(snapshot, f -> owners.apply(f).map(o -> o.pid() + "/" + o.program()).orElse(""), out);
    }

    /** The report with each flow's process as text ("1234/curl", "uid 1000"; "" = unknown, printed as "-"). */
    public static void printLabelled(FlowSnapshot snapshot, Function<FlowRecord, String> owners, PrintStream out) {
        section("TCP", snapshot, f -> f.protocol() == FlowRecord.TCP, owners, out);
        section("UDP", snapshot, f -> f.protocol() == FlowRecord.UDP, owners, out);
        section("Other IP", snapshot, f -> f.protocol() != FlowRecord.TCP && f.protocol() != FlowRecord.UDP,
                owners, out);
        out.println(RULE);
        out.printf(Locale.ROOT, "%d flows active, %d started, %d evicted (%d idle, %d at the cap of %d); "
                        + "%d packets, %d not in any flow%n",
                snapshot.activeFlows(), snapshot.flowsCreated(), snapshot.evictions(), snapshot.evictedIdle(),
                snapshot.evictedForSpace(), snapshot.capacity(), snapshot.packets(), snapshot.untrackedPackets());
        out.flush();
    }

    private static void section(String title, FlowSnapshot snapshot, java.util.function.Predicate<FlowRecord> which,
                                Function<FlowRecord, String> owners, PrintStream out) {
        List<FlowRecord> flows = new ArrayList<>();
        for (FlowRecord f : snapshot.flows()) {
            if (which.test(f)) {
                flows.add(f);
            }
        }
        if (flows.isEmpty()) {
            return;
        }
        flows.sort(Comparator.comparingLong(FlowRecord::bytes).reversed()
                .thenComparingLong(FlowRecord::firstSeenNanos));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"A (client)", "", "B (server)", "<- Frames", "Bytes", "-> Frames", "Bytes",
                "Total Frames", "Bytes", "Rel Start", "Duration", "State", "RTT ms", "Retrans", "OOO", "Process"});
        for (FlowRecord f : flows) {
            rows.add(row(f, snapshot.startNanos(), owners.apply(f)));
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        out.println(RULE);
        out.println(title + " Conversations");
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                boolean leftAligned = i <= 2 || i == 11 || i == r.length - 1;
                String cell = r[i];
                if (i > 0) {
                    line.append(i == 3 || i == 5 || i == 7 || i == 9 ? " | " : " ");
                }
                if (leftAligned) {
                    line.append(cell).append(" ".repeat(width[i] - cell.length()));
                } else {
                    line.append(" ".repeat(width[i] - cell.length())).append(cell);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String[] row(FlowRecord f, long startNanos, String owner) {
        FlowDirectionStats ab = f.toServer(), ba = f.toClient();
        long rtt = f.initialRttNanos() >= 0 ? f.initialRttNanos() : f.synToSynAckNanos();
        boolean tcp = f.protocol() == FlowRecord.TCP;
        return new String[] {
                f.client().toString(), "<->", f.server().toString(),
                Long.toString(ba.packets()), bytes(ba.bytes()),
                Long.toString(ab.packets()), bytes(ab.bytes()),
                Long.toString(f.packets()), bytes(f.bytes()),
                String.format(Locale.ROOT, "%.9f", (f.firstSeenNanos() - startNanos) / 1e9),
                String.format(Locale.ROOT, "%.4f", f.durationNanos() / 1e9),
                tcp ? f.state().name() : "-",
                rtt >= 0 ? String.format(Locale.ROOT, "%.3f", rtt / 1e6) : "-",
                tcp ? Long.toString(f.retransmissions()) : "-",
                tcp ? Long.toString(f.outOfOrder()) : "-",
                owner == null || owner.isEmpty() ? "-" : owner};
    }

    /** Bytes as tshark's conv table prints them: "1234 bytes", "12 kB", "3 MB" (SI units). */
    static String bytes(long n) {
        if (n < 10_000) {
            return n + " bytes";
        }
        if (n < 10_000_000) {
            return (n / 1000) + " kB";
        }
        if (n < 10_000_000_000L) {
            return (n / 1_000_000) + " MB";
        }
        return (n / 1_000_000_000) + " GB";
    }
}
