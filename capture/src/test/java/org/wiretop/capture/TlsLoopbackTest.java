package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.CaptureTestSupport.assumeRoot;
import static org.wiretop.capture.CaptureTestSupport.assumeTool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureTestSupport.Packet;
import org.wiretop.capture.format.FlatJson;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Real TLS on loopback: {@code openssl s_client -servername test.example -alpn h2,http/1.1} against
 * {@code openssl s_server} (a throwaway self-signed certificate made here), once with TLS 1.3 and
 * once with TLS 1.2, captured live on lo. On the same capture: our TLS fields, every occurrence,
 * equal tshark's ({@code -d tcp.port==P,tls}); tcpdump's line is the start of ours, and our text
 * names the hellos. Our decoder finds the TLS by its heuristic (the port is an ephemeral one).
 */
class TlsLoopbackTest {
    /** tshark's TLS fields compared, all occurrences ({@code tls.record.content_type} apart, below). */
    private static final List<String> FIELDS = List.of("tls.record.version", "tls.record.length",
            "tls.handshake.type", "tls.handshake.length", "tls.handshake.version", "tls.handshake.ciphersuite",
            "tls.handshake.extension.type", "tls.handshake.extensions_server_name",
            "tls.handshake.extensions_alpn_str", "tls.handshake.extensions.supported_version");

    @TempDir
    Path dir;

    @Test
    void opensslHandshakesDecodeAsTsharkDecodesThem() throws Exception {
        assumeRoot();
        assumeTool("openssl");
        assumeTool("tshark");
        assumeTool("tcpdump");
        CaptureTestSupport.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "1", "-subj", "/CN=test.example");
        int port = freePort();
        Path file = dir.resolve("tls.pcap");
        PacketSource source = Sources.openLive(LiveOptions.of("lo", "tcp port " + port));
        PcapWriter writer = PcapWriter.open(file.toString(), source.linkType(), source.snaplen());
        List<Packet> packets = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread capture = new Thread(() -> {
            try {
                source.run((ts, wire, data, len) -> {
                    packets.add(new Packet(ts, wire, Arrays.copyOf(data, len)));
                    try {
                        writer.write(ts, wire, data, len);
                    } catch (CaptureException e) {
                        throw new IllegalStateException(e);
                    }
                }, 0);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "tls-capture");
        capture.start();
        Process server = server(port);
        try {
            client(port, "-tls1_3");
            client(port, "-tls1_2");
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "s_server did not end after its two connections");
            await("both connections' FINs", () -> fins(packets, source.linkType()) >= 4);
        } finally {
            server.destroyForcibly();
            source.stop();
            capture.join(10_000);
            source.close();
            writer.close();
        }
        assertEquals(null, failure.get());

        List<Map<String, List<String>>> ours = new ArrayList<>();
        List<String> text = new ArrayList<>();
        decode(packets, source.linkType(), ours, text);
        List<Map<String, List<String>>> theirs = tshark(file, port);
        assertEquals(ours.size(), theirs.size(), "packets");
        int compared = 0;
        for (int i = 0; i < ours.size(); i++) {
            Map<String, List<String>> o = ours.get(i), t = theirs.get(i);
            for (String field : FIELDS) {
                List<String> mine = o.getOrDefault(field, List.of()), their = t.getOrDefault(field, List.of());
                assertEquals(their, mine, "packet " + (i + 1) + " " + field);
                compared += mine.isEmpty() ? 0 : 1;
            }
            // tshark files TLS 1.3's encrypted records under tls.record.opaque_type, the rest under content_type
            List<String> types = new ArrayList<>(t.getOrDefault("tls.record.content_type", List.of()));
            types.addAll(t.getOrDefault("tls.record.opaque_type", List.of()));
            List<String> mine = new ArrayList<>(o.getOrDefault("tls.record.content_type", List.of()));
            types.sort(null);
            mine.sort(null);
            assertEquals(types, mine, "packet " + (i + 1) + " content types");
        }
        System.out.printf("tls loopback: %d packets, %d non-empty TLS field cells equal to tshark's%n", ours.size(), compared);
        assertTrue(compared > 20, "cells compared: " + compared);

        List<String> tcpdump = tcpdumpLines(file);
        assertEquals(tcpdump.size(), text.size(), "lines");
        for (int i = 0; i < text.size(); i++) {
            assertTrue(text.get(i).startsWith(tcpdump.get(i)), "tcpdump's line starts ours:\n  " + tcpdump.get(i) + "\n  " + text.get(i));
        }
        String all = String.join("\n", text);
        assertEquals(2, count(all, ": TLS ClientHello SNI=test.example ALPN=h2,http/1.1"), all);
        assertEquals(1, count(all, ": TLS ServerHello TLSv1.3 TLS_AES_256_GCM_SHA384, ChangeCipherSpec, Application Data"), all);
        assertEquals(1, count(all, ": TLS ServerHello TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 ALPN=h2, Certificate, "
                + "ServerKeyExchange, ServerHelloDone"), all);
    }

    /** Starts s_server for two connections and waits until it listens. */
    private Process server(int port) throws IOException {
        Process p = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(),
                "-alpn", "h2,http/1.1", "-naccept", "2", "-rev").redirectErrorStream(true).start();
        AtomicBoolean listening = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("ACCEPT")) {
                        listening.set(true);
                    }
                }
            } catch (IOException ended) {
                // the server was stopped
            }
        }, "s_server-output");
        reader.setDaemon(true);
        reader.start();
        await("s_server to listen", () -> listening.get() || !p.isAlive());
        assertTrue(p.isAlive(), "s_server did not start");
        return p;
    }

    /** One s_client connection that sends a line, then ends at its input's end. */
    private static void client(int port, String version) throws Exception {
        Process c = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "test.example", "-alpn", "h2,http/1.1", version, "-brief")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        c.getOutputStream().write("hello wiretop\n".getBytes(StandardCharsets.US_ASCII));
        c.getOutputStream().close();
        if (!c.waitFor(30, TimeUnit.SECONDS)) {
            c.destroyForcibly();
            throw new AssertionError("s_client " + version + " did not end");
        }
        assertEquals(0, c.exitValue(), "s_client " + version);
    }

    private static void decode(List<Packet> packets, int linkType, List<Map<String, List<String>>> json, List<String> text) {
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        TextFormatter formatter = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true);
        LineBuilder out = new LineBuilder();
        for (Packet p : packets) {
            s.epochNanos = p.epochNanos();
            decoder.decode(linkType, p.data(), p.data().length, p.wireLength(), s);
            out.setLength(0);
            JsonFormatter.append(s, out);
            json.add(FlatJson.parseAll(out));
            out.setLength(0);
            formatter.format(s, p.data(), out);
            text.add(out.toString());
        }
    }

    /** tshark's TLS fields of every packet, all occurrences, hex numbers as decimal. */
    private static List<Map<String, List<String>>> tshark(Path file, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-d", "tcp.port==" + port + ",tls",
                "-T", "fields", "-E", "occurrence=a", "-E", "separator=/t", "-E", "aggregator=/s", "-e", "frame.number"));
        List<String> fields = new ArrayList<>(FIELDS);
        fields.add("tls.record.content_type");
        fields.add("tls.record.opaque_type");
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        String out = CaptureTestSupport.run(command.toArray(new String[0]));
        List<Map<String, List<String>>> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, List<String>> row = new java.util.HashMap<>();
            for (int c = 0; c < fields.size(); c++) {
                String cell = c + 1 < cells.length ? cells[c + 1] : "";
                if (!cell.isEmpty()) {
                    List<String> values = new ArrayList<>();
                    for (String v : cell.split(" ")) {
                        values.add(v.startsWith("0x") ? Long.toString(Long.parseLong(v.substring(2), 16)) : v);
                    }
                    row.put(fields.get(c), values);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> tcpdumpLines(Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("tcpdump", "-nn", "-r", file.toString());
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tcpdump did not finish");
        return List.of(new String(out, StandardCharsets.US_ASCII).split("\n"));
    }

    private static int fins(List<Packet> packets, int linkType) {
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        int fins = 0;
        for (Packet p : packets) {
            decoder.decode(linkType, p.data(), p.data().length, p.wireLength(), s);
            fins += s.tcpFlags >= 0 && (s.tcpFlags & PacketSummary.FIN) != 0 ? 1 : 0;
        }
        return fins;
    }

    /** An ephemeral port free a moment ago (the server binds it right after). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }
}
