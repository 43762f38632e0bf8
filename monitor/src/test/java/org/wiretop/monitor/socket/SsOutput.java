package org.wiretop.monitor.socket;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code ss -tuanpH} and turns its lines into the canonical rows the tests compare. */
final class SsOutput {
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("ESTAB", "ESTABLISHED"), Map.entry("UNCONN", "UNCONN"), Map.entry("LISTEN", "LISTEN"),
            Map.entry("SYN-SENT", "SYN_SENT"), Map.entry("SYN-RECV", "SYN_RECV"),
            Map.entry("FIN-WAIT-1", "FIN_WAIT1"), Map.entry("FIN-WAIT-2", "FIN_WAIT2"),
            Map.entry("TIME-WAIT", "TIME_WAIT"), Map.entry("CLOSE-WAIT", "CLOSE_WAIT"),
            Map.entry("LAST-ACK", "LAST_ACK"), Map.entry("CLOSING", "CLOSING"), Map.entry("UNKNOWN", "CLOSE"));

    private SsOutput() {
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (new File(dir, "ss").canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Rows of ss for sockets whose local port is one of {@code ports}, in canonical form. */
    static List<String> rows(Set<Integer> ports, boolean withListenBacklog) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ss", "-tuanpH").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ss failed: " + out);
        }
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6) {
                continue;
            }
            String[] local = endpoint(f[4]);
            String[] remote = endpoint(f[5]);
            if (!ours(ports, Integer.parseInt(local[1]), Integer.parseInt(remote[1]))) {
                continue;
            }
            String state = STATES.getOrDefault(f[1], f[1]);
            Matcher m = PID.matcher(line);
            String pid = m.find() ? m.group(1) : "-";
            String sendQ = state.equals("LISTEN") && !withListenBacklog ? "?" : f[3];
            rows.add(row(f[0], state, f[2], sendQ, local[0], local[1], remote[0], remote[1], pid));
        }
        rows.sort(null);
        return rows;
    }

    /**
     * Whether a socket is one of the test's: both ends on its ports (or no remote end). A port
     * alone is not enough: an ephemeral port may also name a TIME_WAIT leftover of another test.
     */
    static boolean ours(Set<Integer> ports, int localPort, int remotePort) {
        return ports.contains(localPort) && (remotePort == 0 || ports.contains(remotePort));
    }

    /** Our entry in the same canonical form. */
    static String row(SocketEntry e, boolean withListenBacklog) {
        String sendQ = e.state() == SocketState.LISTEN && !withListenBacklog ? "?" : Long.toString(e.sendQ());
        return row(e.proto().label(), e.state().name(), Long.toString(e.recvQ()), sendQ,
                wildcard(e.localText()), Integer.toString(e.localPort()),
                wildcard(e.remoteText()), Integer.toString(e.remotePort()),
                e.owner() == null ? "-" : Integer.toString(e.owner().pid()));
    }

    private static String row(String proto, String state, String recvQ, String sendQ, String localAddr,
                              String localPort, String remoteAddr, String remotePort, String pid) {
        return String.join(" ", proto, state, "rq=" + recvQ, "sq=" + sendQ, localAddr + "|" + localPort,
                remoteAddr + "|" + remotePort, "pid=" + pid);
    }

    /** "[::1]:80" → {"::1", "80"}; "*:*" → {"*", "0"}; a "%dev" suffix is dropped. */
    private static String[] endpoint(String text) {
        int colon = text.lastIndexOf(':');
        String addr = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        int percent = addr.indexOf('%');
        if (percent >= 0) {
            addr = addr.substring(0, percent);
        }
        return new String[]{wildcard(addr), port.equals("*") ? "0" : port};
    }

    /** ss prints an unspecified address as "*", "0.0.0.0" or "::" depending on version and socket. */
    private static String wildcard(String addr) {
        return addr.equals("0.0.0.0") || addr.equals("::") ? "*" : addr;
    }
}
