package org.wiretop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.wiretop.monitor.socket.Proto;
import org.wiretop.monitor.socket.SocketEntry;
import org.wiretop.monitor.socket.SocketJson;
import org.wiretop.monitor.socket.SocketQuery;
import org.wiretop.monitor.socket.SocketState;
import org.wiretop.monitor.socket.SocketTable;
import org.wiretop.monitor.socket.SocketTableSampler;
import org.wiretop.monitor.socket.SocketTextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wiretop sockets}: the kernel's TCP and UDP sockets with netstat's flags and layout
 * ({@code -tunap}), from sock_diag (or /proc/net where netlink is refused).
 */
@Command(name = "sockets", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List TCP and UDP sockets, like netstat -tunap / ss -tuanp.",
                "Without -l or -a only connected sockets are shown, without -t or -u both protocols."})
public final class SocketsCommand implements Runnable {
    /** The output formats. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--tcp"}, description = "TCP sockets.")
    boolean tcp;
    @Option(names = {"-u", "--udp"}, description = "UDP sockets.")
    boolean udp;
    @Option(names = {"-l", "--listening"}, description = "Only listening sockets (and unconnected UDP).")
    boolean listening;
    @Option(names = {"-a", "--all"}, description = "Listening and connected sockets.")
    boolean all;
    @Option(names = {"-n", "--numeric"}, description = "Numeric addresses and ports (always: names are never resolved).")
    boolean numeric;
    @Option(names = {"-p", "--processes"}, description = "Show the PID/Program name column.")
    boolean processes;
    @Option(names = "-4", description = "IPv4 sockets only.")
    boolean ipv4;
    @Option(names = "-6", description = "IPv6 sockets only.")
    boolean ipv6;
    @Option(names = {"-i", "--info"}, description = "tcp_info columns: rtt, cwnd, retransmissions.")
    boolean tcpInfo;
    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only these states (netstat names, e.g. ESTABLISHED,TIME_WAIT; UNCONN for unconnected UDP).")
    List<String> states = new ArrayList<>();
    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text or json (one object a socket; pid and program whenever known).")
    Format format;
    @Option(names = "--watch", paramLabel = "SECONDS", description = "Redraw every SECONDS until Ctrl-C.")
    Double watchSeconds;
    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N tables.")
    Integer count;
    @Option(names = {"-v", "--verbose"}, description = "Say on stderr where the sockets come from.")
    boolean verbose;

    @Override
    public void run() {
        SocketQuery query = query();
        if (watchSeconds != null && (watchSeconds <= 0 || watchSeconds.isNaN() || watchSeconds.isInfinite())) {
            throw UserError.usage("--watch needs a positive number of seconds, not " + watchSeconds);
        }
        if (count != null && count < 1) {
            throw UserError.usage("--count needs a positive number, not " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean json = format == Format.json;
        boolean owners = processes || json;
        try (SocketTableSampler sampler = SocketTableSampler.open()) {
            int shown = 0;
            long period = watchSeconds == null ? 0 : (long) (watchSeconds * 1e9);
            long next = System.nanoTime();
            while (true) {
                SocketTable table = sampler.refresh(query, owners, tcpInfo);
                if (shown == 0 && verbose) {
                    spec.commandLine().getErr().println("wiretop: " + sampler.sourceNote());
                    spec.commandLine().getErr().flush();
                }
                List<SocketEntry> rows = table.entries();
                if (watchSeconds != null && !json) {
                    out.print(System.console() != null ? "\033[H\033[2J" : (shown > 0 ? "\n" : ""));
                }
                print(out, rows, json);
                out.flush();
                shown++;
                if (watchSeconds == null || (count != null && shown >= count) || out.checkError()) {
                    return;
                }
                next += period;
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        } catch (IOException e) {
            throw UserError.runtime("cannot read the socket table: " + e.getMessage());
        }
    }

    private void print(PrintWriter out, List<SocketEntry> rows, boolean json) {
        if (json) {
            for (SocketEntry e : rows) {
                out.println(SocketJson.toJson(e, tcpInfo));
            }
        } else {
            out.print(SocketTextTable.render(rows, processes, tcpInfo));
        }
    }

    private SocketQuery query() {
        Set<Proto> protos = EnumSet.noneOf(Proto.class);
        if (tcp) {
            protos.add(Proto.TCP);
        }
        if (udp) {
            protos.add(Proto.UDP);
        }
        Set<Integer> families = new HashSet<>();
        if (ipv4) {
            families.add(4);
        }
        if (ipv6) {
            families.add(6);
        }
        Set<SocketState> wanted = EnumSet.noneOf(SocketState.class);
        for (String s : states) {
            wanted.add(state(s));
        }
        SocketQuery.Scope scope = all || (!wanted.isEmpty() && !listening) ? SocketQuery.Scope.ALL
                : listening ? SocketQuery.Scope.LISTENING : SocketQuery.Scope.CONNECTED;
        return new SocketQuery(protos, families, scope, wanted);
    }

    private static SocketState state(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        // ss spells a few states differently; accept its names too
        key = switch (key) {
            case "ESTAB" -> "ESTABLISHED";
            case "FIN_WAIT_1" -> "FIN_WAIT1";
            case "FIN_WAIT_2" -> "FIN_WAIT2";
            case "LISTENING" -> "LISTEN";
            default -> key;
        };
        try {
            SocketState s = SocketState.valueOf(key);
            if (s != SocketState.UNKNOWN) {
                return s;
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the usage error
        }
        throw UserError.usage("unknown socket state '" + name + "'; use one of LISTEN, ESTABLISHED, SYN_SENT, "
                + "SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, CLOSING, UNCONN");
    }
}
