package org.wiretop.cli;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real servers and clients from Debian packages for the loopback tests: started with their
 * output in a log, waited for (a TCP port that accepts, a client that ends, both bounded in
 * time), and stopped by the test.
 */
final class RealPrograms {
    private RealPrograms() {
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (new File(d, tool).canExecute()) {
                return true;
            }
        }
        return new File("/usr/sbin/" + tool).canExecute();
    }

    /** dig's output for {@code query} asked of 127.0.0.1:{@code port} (one try, 2 s), or "" when it could not run. */
    static String dig(int port, String... query) {
        List<String> cmd = new java.util.ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port), "+time=2", "+tries=1"));
        cmd.addAll(List.of(query));
        try {
            return CliRunner.run(cmd);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1 at the moment of asking. */
    static int freePort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // that UDP port's TCP twin is taken: try another
            }
        }
        throw new IllegalStateException("no free port");
    }

    /** Starts a server in {@code dir} (its output to NAME.log) and waits until it accepts on {@code port}. */
    static Process server(Path dir, String name, int port, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        boolean up = CliRunner.await(15_000, () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                return !p.isAlive();
            }
        });
        if (!up || !p.isAlive()) {
            p.destroyForcibly();
            throw new IOException(name + " did not start: " + CliRunner.read(dir.resolve(name + ".log")));
        }
        return p;
    }

    /** Runs a client to its end (at most 30 s), stdin from {@code input} (or nothing); returns its exit code. */
    static int client(Path dir, String name, File input, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.redirectInput(input == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(input));
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(name + " did not finish");
        }
        return p.exitValue();
    }

    static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
