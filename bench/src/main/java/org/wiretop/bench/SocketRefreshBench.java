package org.wiretop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.wiretop.monitor.socket.ProcessIndex;
import org.wiretop.monitor.socket.Proto;
import org.wiretop.monitor.socket.SockDiagProvider;
import org.wiretop.monitor.socket.SocketTable;
import org.wiretop.monitor.socket.SocketTableSampler;

/**
 * One refresh of the socket table with owning processes, with PAIRS loopback connections open
 * (2 × PAIRS sockets plus a listener, all in this process), next to {@code ss -tanp} timed in
 * the same run on the same sockets. Prints median and 90th percentile in milliseconds for:
 * <ul>
 *   <li>warm: the sampler as the UI uses it, the process index kept between refreshes</li>
 *   <li>cold: a new process index every time, reading every /proc/PID/fd link (what ss -p does)</li>
 *   <li>no processes: the netlink dump alone, next to {@code ss -tan}</li>
 *   <li>ss -tanp and ss -tan: the commands, output discarded, including their process start (and
 *       that start alone, {@code ss -V}, so the difference is visible)</li>
 * </ul>
 * Usage: {@code SocketRefreshBench [PAIRS=5000] [ROUNDS=30]}; see bench/sockets-refresh.sh (raises ulimit -n).
 */
public final class SocketRefreshBench {
    private SocketRefreshBench() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<AutoCloseable> open = new ArrayList<>(2 * pairs + 1);
        try {
            openPairs(pairs, open);
            Set<Proto> tcp = EnumSet.of(Proto.TCP);
            Set<Integer> families = Set.of(4, 6);
            int sockets;
            try (SocketTableSampler warm = new SocketTableSampler(SockDiagProvider.open(), new ProcessIndex())) {
                sockets = warm.refresh(tcp, families, true, false).size();
                for (int i = 0; i < 20; i++) { // let the JIT compile the hot paths
                    warm.refresh(tcp, families, true, false);
                    try (SocketTableSampler cold = new SocketTableSampler(SockDiagProvider.open(), new ProcessIndex())) {
                        cold.refresh(tcp, families, true, false);
                    }
                }
                // Each kind in its own loop, so one kind's garbage does not land in another's timing.
                double[] warmMs = new double[rounds], coldMs = new double[rounds], noProcMs = new double[rounds];
                double[] ssMs = new double[rounds], ssNoProcMs = new double[rounds], ssStartMs = new double[rounds];
                double[] warmCpuMs = new double[rounds], coldCpuMs = new double[rounds];
                double[] ssCpuMs = new double[rounds], ssNoProcCpuMs = new double[rounds];
                ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                int owned = 0;
                for (int i = 0; i < rounds; i++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    SocketTable t = warm.refresh(tcp, families, true, false);
                    warmMs[i] = ms(System.nanoTime() - t0);
                    warmCpuMs[i] = ms(cpu.getCurrentThreadCpuTime() - c0);
                    owned = (int) t.entries().stream().filter(e -> e.owner() != null).count();
                }
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    warm.refresh(tcp, families, false, false);
                    noProcMs[i] = ms(System.nanoTime() - t0);
                }
                for (int i = 0; i < rounds; i++) {
                    try (SocketTableSampler cold = new SocketTableSampler(SockDiagProvider.open(), new ProcessIndex())) {
                        long c0 = cpu.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        cold.refresh(tcp, families, true, false);
                        coldMs[i] = ms(System.nanoTime() - t0);
                        coldCpuMs[i] = ms(cpu.getCurrentThreadCpuTime() - c0);
                    }
                }
                for (int i = 0; i < rounds; i++) {
                    ssMs[i] = timeCommand("ss", "-tanp");
                    ssNoProcMs[i] = timeCommand("ss", "-tan");
                    ssStartMs[i] = timeCommand("ss", "-V");
                    ssCpuMs[i] = childCpuMs("ss -tanp");
                    ssNoProcCpuMs[i] = childCpuMs("ss -tan");
                }
                System.out.printf("sockets in table: %d (tcp, both families), with an owner: %d, pairs opened: %d%n",
                        sockets, owned, pairs);
                print("wiretop refresh, warm index (ms)", warmMs);
                print("wiretop refresh, cold index (ms)", coldMs);
                print("wiretop refresh, no processes (ms)", noProcMs);
                print("ss -tanp (ms)", ssMs);
                print("ss -tan (ms)", ssNoProcMs);
                print("ss -V, process start only (ms)", ssStartMs);
                System.out.println("CPU time (user + system; steadier than wall time on a busy machine):");
                print("wiretop refresh, warm index (ms cpu)", warmCpuMs);
                print("wiretop refresh, cold index (ms cpu)", coldCpuMs);
                print("ss -tanp (ms cpu)", ssCpuMs);
                print("ss -tan (ms cpu)", ssNoProcCpuMs);
                System.out.printf("ratio ss -tanp / wiretop warm: %.1fx, / wiretop cold: %.1fx%n",
                        median(ssMs) / median(warmMs), median(ssMs) / median(coldMs));
            }
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }

    /** Opens {@code pairs} connected TCP pairs on 127.0.0.1 through one listener. */
    private static void openPairs(int pairs, List<AutoCloseable> open) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        open.add(server);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        for (int i = 0; i < pairs; i++) {
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
            open.add(client);
            client.connect(server.getLocalAddress());
            open.add(server.accept());
        }
    }

    private static double timeCommand(String... command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        return ms(System.nanoTime() - t0);
    }

    /** CPU time of a command, from the shell's {@code times} (children's user and system time). */
    private static double childCpuMs(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command + " >/dev/null 2>&1; times")
                .redirectErrorStream(true).start();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split("\n");
        p.waitFor();
        String[] children = lines[lines.length - 1].trim().split("\\s+"); // "0m0.012s 0m0.040s"
        return seconds(children[0]) * 1000 + seconds(children[1]) * 1000;
    }

    private static double seconds(String minutesSeconds) {
        int m = minutesSeconds.indexOf('m');
        return Integer.parseInt(minutesSeconds.substring(0, m)) * 60
                + Double.parseDouble(minutesSeconds.substring(m + 1, minutesSeconds.length() - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void print(String label, double[] values) {
        System.out.printf("%-42s median %8.2f   p90 %8.2f%n", label, median(values), percentile(values, 90));
    }
}
