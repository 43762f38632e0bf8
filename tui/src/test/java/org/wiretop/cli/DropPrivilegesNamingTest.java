package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -Z nobody --format json} still names the processes it can (issue 13 with tcpdump's
 * -Z): the process naming opens its sockets and reads the listeners' owners as root, and only then
 * drops to nobody. A root python3 server's listener is named on its connection's packets, which
 * nobody alone could not read from /proc.
 */
class DropPrivilegesNamingTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aRootListenerIsNamedAfterTheDrop() throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 for real processes");
        Assumptions.assumeTrue(NobodyJvm.setprivInstalled(), "needs setpriv (util-linux)");
        Path server = copy("server.py"), client = copy("client.py");
        Process srv = new ProcessBuilder(PYTHON.toString(), server.toString()).start();
        Path out = dir.resolve("out.json"), err = dir.resolve("err.txt");
        Process cap = null;
        try {
            String[] hello = new BufferedReader(new InputStreamReader(srv.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine().split(" ");
            String serverPid = hello[0], port = hello[1];
            cap = NobodyJvm.start(List.of(), out, err, "capture", "-i", "lo", "-Z", "nobody", "--format", "json",
                    "tcp", "port", port);
            Process c0 = cap;
            assertTrue(CliRunner.await(20_000, () -> CliRunner.read(err).contains("listening on") || !c0.isAlive()),
                    "capture did not start: " + CliRunner.read(err));
            assertTrue(cap.isAlive(), "capture -Z ended early: " + CliRunner.read(err));
            Process c = new ProcessBuilder(PYTHON.toString(), client.toString(), port, "25")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(c.waitFor(10, TimeUnit.SECONDS), "the client did not finish");
            assertTrue(CliRunner.await(15_000, () -> CliRunner.read(out).lines().count() >= 8),
                    "the connection's packets did not arrive: " + CliRunner.read(out) + CliRunner.read(err));
            String json = CliRunner.read(out);
            assertTrue(json.contains("\"wiretop.process\":{\"pid\":" + serverPid + ",\"name\":\"python3\"}")
                            || json.contains("\"wiretop.peer_process\":{\"pid\":" + serverPid + ",\"name\":\"python3\"}"),
                    "the root server (pid " + serverPid + ") is not named after -Z nobody:\n" + json + CliRunner.read(err));
        } finally {
            if (cap != null) {
                cap.destroyForcibly();
                cap.waitFor(10, TimeUnit.SECONDS);
            }
            srv.destroyForcibly();
            srv.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Path copy(String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/attribution/" + name)) {
            Files.copy(in, p);
        }
        // the client runs as root; the file only needs to be readable
        return p;
    }
}
