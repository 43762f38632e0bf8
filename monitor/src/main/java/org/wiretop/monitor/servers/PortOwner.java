package org.wiretop.monitor.servers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds which process holds a local port, from {@code /proc/net/{tcp,tcp6,udp,udp6}} (the
 * socket's inode) and {@code /proc/PID/fd} (who has that inode open). Best effort: processes
 * we may not read are skipped, so the answer may be empty.
 */
final class PortOwner {
    private static final String TCP_LISTEN = "0A";
    private static final Path PROC = Path.of("/proc");

    private PortOwner() {
    }

    /** "pid 4242 (socat)" for the process listening on (or bound to) that port, if found. */
    static Optional<String> describe(int port, ServerKind.Transport transport) {
        boolean tcp = transport == ServerKind.Transport.TCP;
        String base = tcp ? "net/tcp" : "net/udp";
        for (String table : List.of(base, base + "6")) {
            Optional<Long> inode = inodeOf(PROC.resolve(table), port, tcp);
            if (inode.isPresent() && inode.get() != 0) {
                Optional<String> owner = ownerOf(inode.get());
                if (owner.isPresent()) {
                    return owner;
                }
            }
        }
        return Optional.empty();
    }

    /** The inode of the socket bound to {@code port} in one /proc/net table (LISTEN only for TCP). */
    static Optional<Long> inodeOf(Path table, int port, boolean tcp) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (int i = 1; i < lines.size(); i++) {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                int localPort = Integer.parseInt(f[1].substring(colon + 1), 16);
                if (localPort == port && (!tcp || TCP_LISTEN.equals(f[3]))) {
                    return Optional.of(Long.parseLong(f[9]));
                }
            } catch (NumberFormatException e) {
                // a line we do not understand: skip it
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ownerOf(long inode) {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path pid : pids) {
                if (holds(pid.resolve("fd"), target)) {
                    return Optional.of("pid " + pid.getFileName() + " (" + command(pid) + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path fdDir, String target) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (target.equals(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // the fd closed meanwhile: go on
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // not ours to read, or the process is gone
        }
        return false;
    }

    private static String command(Path pid) {
        try {
            return Files.readString(pid.resolve("comm")).trim();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
