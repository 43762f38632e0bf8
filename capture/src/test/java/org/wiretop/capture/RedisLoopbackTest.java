package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.format.AppTools;

/**
 * RESP from real programs: {@code redis-cli} against {@code redis-server} (no persistence) on
 * port 6379 of a namespace of the test's own, captured live on its {@code lo} by our capture:
 * strings, integers, nulls, errors, arrays and nested arrays. Our text equals
 * {@code tcpdump -nn}'s line for line; our RESP fields (every occurrence) and Info equal
 * tshark's packet by packet. Skipped without root or the tools.
 */
class RedisLoopbackTest {
    private static final List<String> FIELDS = List.of("resp.array.length", "resp.bulk_string.length",
            "resp.bulk_string.value", "resp.string", "resp.error", "resp.integer");
    private static final String[][] COMMANDS = {
            {"SET", "k", "v"}, {"GET", "k"}, {"GET", "missing"}, {"INCR", "n"}, {"INCRBY", "n", "-10"},
            {"RPUSH", "l", "a", "bc", "def"}, {"LRANGE", "l", "0", "-1"}, {"SCAN", "0"}, {"NOSUCHCOMMAND", "x"},
            {"SET", "greeting", "hello world with spaces"}, {"HSET", "h", "f", "1"}, {"HGETALL", "h"},
    };

    @TempDir
    Path dir;

    @Test
    void redisCliAgainstRedisServer() throws Exception {
        AppTools.assumeTools();
        CaptureTestSupport.assumeTool("redis-server");
        CaptureTestSupport.assumeTool("redis-cli");
        Path file = dir.resolve("resp.pcap");
        try (Netns ns = Netns.create()) {
            ns.start(dir.resolve("server.log"), "redis-server", "--port", "6379", "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString());
            Netns.await("redis-server", 20, () -> redis(ns, "PING").out().strip().equals("PONG"));
            Process capture = ns.capture(file, "tcp port 6379", dir.resolve("capture.log"));
            for (String[] command : COMMANDS) {
                assertEquals(0, redis(ns, command).exit(), String.join(" ", command));
            }
            Netns.await("every conversation to end", 20,
                    () -> LoopbackCheck.closedConversations(file) >= COMMANDS.length);
            Netns.stopCapture(capture);
        }
        int packets = LoopbackCheck.textEqualsTcpdumps(file);
        int messages = LoopbackCheck.fieldsEqualTsharks(file, FIELDS, true, true);
        LoopbackCheck.Infos infos = LoopbackCheck.infos(file,
                info -> info.startsWith("Request:") || info.startsWith("Response:"), true);
        LoopbackCheck.sameLists(infos.theirs(), infos.ours(), "Info");
        assertTrue(messages >= 2 * COMMANDS.length, messages + " RESP packets");
        System.out.printf("redis loopback: %d packets equal to tcpdump's, %d RESP packets' fields and Info equal to"
                + " tshark's%n", packets, messages);
    }

    private static Netns.Result redis(Netns ns, String... command) {
        String[] all = new String[command.length + 5];
        all[0] = "redis-cli";
        all[1] = "-h";
        all[2] = "127.0.0.1";
        all[3] = "-p";
        all[4] = "6379";
        System.arraycopy(command, 0, all, 5, command.length);
        try {
            return ns.run(all);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
