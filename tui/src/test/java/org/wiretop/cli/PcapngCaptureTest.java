package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;

/**
 * {@code capture -w out.pcapng} live on lo while python3 clients talk to a python3 server: the
 * file has the packets tcpdump and tshark read (same count, same nanosecond stamps), each with a
 * comment naming its process that tshark shows as {@code frame.comment} (the server's pid on
 * every packet, the clients' on theirs, never a wrong one), and {@code wiretop read} shows the
 * comments under {@code -v} and as JSON's {@code frame.comment}.
 */
class PcapngCaptureTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern PID = Pattern.compile("pid (\\d+) ([^\\s,]+)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLivePcapngCarriesProcessCommentsThatTsharkTcpdumpAndReadAgreeOn() throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Assumptions.assumeTrue(CliRunner.tcpdumpInstalled() && Files.isExecutable(Path.of("/usr/bin/tshark")),
                "needs tcpdump and tshark");
        Path server = copy("server.py"), client = copy("client.py");
        Path file = dir.resolve("out.pcapng"), err = dir.resolve("err.txt");
        Process srv = new ProcessBuilder(PYTHON.toString(), server.toString()).start();
        Process cap = null;
        try {
            String[] hello = firstLine(srv.getInputStream()).split(" ");
            long serverPid = Long.parseLong(hello[0]);
            String port = hello[1];
            cap = CliRunner.start(dir.resolve("out.txt"), err, "capture", "-i", "lo", "-w", file.toString(), "tcp", "port", port);
            Process c0 = cap;
            assertTrue(CliRunner.await(20_000, () -> CliRunner.read(err).contains("listening on") || !c0.isAlive()),
                    "capture did not start: " + CliRunner.read(err));
            Set<Long> clients = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                Process p = new ProcessBuilder(PYTHON.toString(), client.toString(), port, "50").start();
                clients.add(Long.parseLong(firstLine(p.getInputStream()).split(" ")[0]));
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            }
            assertTrue(CliRunner.await(15_000, () -> packets(file) >= 30), "the file holds " + packets(file) + " packets");
            new ProcessBuilder("kill", "-INT", String.valueOf(cap.pid())).start().waitFor(5, TimeUnit.SECONDS);
            assertTrue(cap.waitFor(15, TimeUnit.SECONDS), "capture did not stop on SIGINT");
            assertEquals(0, cap.exitValue(), CliRunner.read(err));

            List<String> tshark = CliRunner.run(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                    "-E", "separator=|", "-e", "frame.time_epoch", "-e", "frame.comment")).lines().toList();
            assertTrue(tshark.size() >= 30, "tshark read " + tshark.size());
            Set<Long> clientsNamed = new HashSet<>();
            for (String line : tshark) {
                String comment = line.substring(line.indexOf('|') + 1);
                Matcher m = PID.matcher(comment);
                boolean serverNamed = false;
                while (m.find()) {
                    long pid = Long.parseLong(m.group(1));
                    assertEquals("python3", m.group(2), line);
                    if (pid == serverPid) {
                        serverNamed = true;
                    } else {
                        assertTrue(clients.contains(pid), "a wrong process named: " + line);
                        clientsNamed.add(pid);
                    }
                }
                assertTrue(serverNamed, "the server's pid on every packet: " + line);
            }
            assertTrue(!clientsNamed.isEmpty(), "no client named in " + tshark);

            List<String> tcpdump = CliRunner.run(List.of("tcpdump", "-nn", "-tt", "--time-stamp-precision=nano", "-r",
                    file.toString())).lines().toList();
            CliRunner.Result json = CliRunner.inProcess("read", file.toString(), "--format", "json");
            assertEquals(0, json.code(), json.err());
            List<String> lines = json.lines();
            assertEquals(tshark.size(), tcpdump.size(), "tcpdump and tshark read as many packets");
            assertEquals(tshark.size(), lines.size(), "wiretop read as many packets");
            for (int i = 0; i < lines.size(); i++) {
                String stamp = tshark.get(i).substring(0, tshark.get(i).indexOf('|'));
                assertTrue(tcpdump.get(i).startsWith(stamp + " "), "stamp of " + (i + 1) + ": " + tcpdump.get(i));
                assertTrue(lines.get(i).contains("\"frame.time_epoch\":\"" + stamp + "\""), lines.get(i));
                String[] comments = tshark.get(i).substring(stamp.length() + 1).split(",");
                String expected = comments.length == 1 ? "\"frame.comment\":\"" + comments[0] + "\""
                        : "\"frame.comment\":[\"" + String.join("\",\"", comments) + "\"]";
                assertTrue(lines.get(i).contains(expected), expected + " in " + lines.get(i));
            }
            CliRunner.Result text = CliRunner.inProcess("read", "-v", file.toString());
            assertEquals(0, text.code(), text.err());
            assertTrue(text.out().contains("\n    comment: pid " + serverPid + " python3\n")
                    || text.out().contains("\n    comment: peer pid " + serverPid + " python3\n"), text.out());
            assertTrue(!CliRunner.inProcess("read", file.toString()).out().contains("comment:"),
                    "no comment lines without -v");
        } finally {
            if (cap != null) {
                cap.destroyForcibly();
            }
            srv.destroyForcibly();
            srv.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Packets our reader finds in the file so far (0 before its header is out). */
    private static long packets(Path file) {
        try (PacketSource s = Sources.openFile(file.toString())) {
            long[] n = {0};
            s.run((t, w, d, c) -> n[0]++, 0);
            return n[0];
        } catch (CaptureException | RuntimeException e) {
            return 0;
        }
    }

    private Path copy(String name) throws IOException {
        try (InputStream in = PcapngCaptureTest.class.getResourceAsStream("/attribution/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
        if (line == null) {
            throw new IOException("the process printed nothing");
        }
        return line.strip();
    }
}
