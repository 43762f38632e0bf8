package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wiretop read} in-process: output against tcpdump, JSON lines, filters, and every error path. */
class ReadCommandTest {
    @TempDir
    Path dir;

    @Test
    void textEqualsTcpdumpAfterTheTimestamp() throws Exception {
        Assumptions.assumeTrue(CliRunner.tcpdumpInstalled(), "tcpdump is not installed: skipping the comparison");
        Path file = dir.resolve("mix.pcap");
        TestPcaps.write(file);
        // relative sequence numbers by default, absolute with -S: both as tcpdump
        for (List<String> flags : List.of(List.<String>of(), List.of("-S"))) {
            List<String> args = new java.util.ArrayList<>(List.of("read", file.toString()));
            args.addAll(flags);
            CliRunner.Result ours = CliRunner.inProcess(args.toArray(String[]::new));
            assertEquals(0, ours.code(), ours.err());
            List<String> command = new java.util.ArrayList<>(List.of("tcpdump", "-nn", "-r", file.toString()));
            command.addAll(flags);
            List<String> theirs = List.of(CliRunner.run(command).split("\n"));
            List<String> mine = ours.lines();
            assertEquals(TestPcaps.FRAMES.length, mine.size(), ours.out());
            assertEquals(theirs.size(), mine.size());
            for (int i = 0; i < mine.size(); i++) {
                assertEquals(afterTime(theirs.get(i)), afterTime(mine.get(i)), flags + " packet " + (i + 1));
            }
            assertTrue(ours.err().startsWith("reading from file " + file), ours.err());
        }
    }

    @Test
    void jsonIsOneValidObjectPerPacket() throws Exception {
        Path file = dir.resolve("mix.pcap");
        TestPcaps.write(file);
        CliRunner.Result r = CliRunner.inProcess("read", file.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals(TestPcaps.FRAMES.length, lines.size());
        for (String line : lines) {
            assertTrue(JsonCheck.isObject(line), "not a JSON object: " + line);
        }
        assertTrue(lines.get(2).contains("\"udp.dstport\":45000"), lines.get(2));
        assertTrue(lines.get(6).contains("\"ipv6.src\":\"::1\""), lines.get(6));
    }

    @Test
    void captureFilterWordsAndCountAndDisplayFilter() throws Exception {
        Path file = dir.resolve("mix.pcap");
        TestPcaps.write(file);
        CliRunner.Result udp = CliRunner.inProcess("read", file.toString(), "udp");
        assertEquals(0, udp.code(), udp.err());
        assertEquals(2, udp.lines().size(), udp.out());
        assertTrue(udp.lines().stream().allMatch(l -> l.contains("UDP, length")), udp.out());
        CliRunner.Result tcpOne = CliRunner.inProcess("read", "-c", "1", file.toString(), "tcp", "and", "ip6");
        assertEquals(1, tcpOne.lines().size(), tcpOne.out());
        assertTrue(tcpOne.out().contains("IP6 ::1.5000 > ::1.6000: Flags [S]"), tcpOne.out());
        CliRunner.Result display = CliRunner.inProcess("read", file.toString(), "--filter", "tcp.port == 443");
        assertEquals(2, display.lines().size(), display.out());
        CliRunner.Result first = CliRunner.inProcess("read", "-c", "3", "-tt", file.toString());
        assertEquals(3, first.lines().size());
        assertTrue(first.lines().get(0).startsWith("1700000000.000001 IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [S]"), first.out());
    }

    @Test
    void missingOrCorruptFileIsAUsageErrorOnOneLine() throws Exception {
        CliRunner.Result missing = CliRunner.inProcess("read", dir.resolve("nope.pcap").toString());
        assertEquals(2, missing.code());
        assertOneErrorLine(missing, "no such file");
        Path junk = dir.resolve("junk.pcap");
        Files.writeString(junk, "this is not a capture file at all, just text\n");
        CliRunner.Result corrupt = CliRunner.inProcess("read", junk.toString());
        assertEquals(2, corrupt.code());
        assertOneErrorLine(corrupt, "not a capture file");
    }

    @Test
    void fileCutMidRecordPrintsWhatWasReadThenFailsWithOneLine() throws Exception {
        Path file = dir.resolve("mix.pcap");
        long size = TestPcaps.write(file);
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(all, (int) size - 10));
        CliRunner.Result r = CliRunner.inProcess("read", cut.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(TestPcaps.FRAMES.length - 1, r.lines().size(), r.out());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("wiretop: ")), r.err());
    }

    @Test
    void badCaptureFilterGivesLibpcapsMessage() throws Exception {
        Path file = dir.resolve("mix.pcap");
        TestPcaps.write(file);
        CliRunner.Result r = CliRunner.inProcess("read", file.toString(), "tcp", "port");
        assertEquals(2, r.code());
        assertOneErrorLine(r, "syntax error");
        CliRunner.Result d = CliRunner.inProcess("read", file.toString(), "--filter", "tcp.prot == 1");
        assertEquals(2, d.code());
        assertOneErrorLine(d, "tcp.prot");
    }

    @Test
    void unsupportedLinkTypeIsOneClearLine() throws Exception {
        Path file = dir.resolve("usb.pcap");
        TestPcaps.write(file, 189, "00112233445566778899");
        CliRunner.Result r = CliRunner.inProcess("read", file.toString());
        assertEquals(1, r.code());
        assertOneErrorLine(r, "not one wiretop decodes");
        // the advice the message gives works: copying needs no decoding
        Path copy = dir.resolve("copy.pcap");
        CliRunner.Result c = CliRunner.inProcess("capture", "-r", file.toString(), "-w", copy.toString());
        assertEquals(0, c.code(), c.err());
        byte[] in = Files.readAllBytes(file), out = Files.readAllBytes(copy);
        assertEquals(in.length, out.length, "one record of the same size");
        // the record's seconds, lengths and bytes (the fraction may be written in nanoseconds)
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(in, 24, 28)),
                java.util.Arrays.toString(java.util.Arrays.copyOfRange(out, 24, 28)), "the same seconds");
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(in, 32, in.length)),
                java.util.Arrays.toString(java.util.Arrays.copyOfRange(out, 32, out.length)), "the same lengths and bytes");
    }

    static void assertOneErrorLine(CliRunner.Result r, String mustContain) {
        List<String> errors = r.err().lines().filter(l -> l.startsWith("wiretop: ")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).contains(mustContain), r.err());
        assertFalse(r.err().contains("\tat "), "stack trace without --debug: " + r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    private static String afterTime(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }
}
