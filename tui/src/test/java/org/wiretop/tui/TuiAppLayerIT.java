package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.wiretop.tui.LoopbackPrograms.WAIT;
import static org.wiretop.tui.LoopbackPrograms.await;
import static org.wiretop.tui.LoopbackPrograms.curl;
import static org.wiretop.tui.LoopbackPrograms.dig;
import static org.wiretop.tui.LoopbackPrograms.dnsmasq;
import static org.wiretop.tui.LoopbackPrograms.freeTcpPort;
import static org.wiretop.tui.LoopbackPrograms.freeUdpPort;
import static org.wiretop.tui.LoopbackPrograms.httpServer;
import static org.wiretop.tui.LoopbackPrograms.openUi;
import static org.wiretop.tui.LoopbackPrograms.preconditions;
import static org.wiretop.tui.LoopbackPrograms.quit;
import static org.wiretop.tui.LoopbackPrograms.stop;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.decode.Dissectors;

/**
 * The application layer as a user sees it in the UI, in tmux, against the built jar and real
 * programs on loopback: {@code dig} asking a {@code dnsmasq} the test starts shows DNS with
 * Wireshark's Info, filters on a DNS field and opens the DNS layer; {@code curl} fetching from
 * {@code python3 -m http.server} (on a free port, given to the UI with {@code --decode-as}) shows
 * HTTP and its request line. Needs root, tmux and those programs (scripts/setup installs them);
 * skips otherwise. Servers bind to 127.0.0.1 and are stopped by the test.
 */
class TuiAppLayerIT {
    @Test
    void digAgainstDnsmasqShowsDns(@TempDir Path dir) throws Exception {
        Path jar = preconditions("dig", "dnsmasq");
        int port = freeUdpPort();
        Process dnsmasq = dnsmasq(dir, port);
        try (Tmux t = Tmux.start("wiretop-app-dns-" + ProcessHandle.current().pid(), 160, 40)) {
            assertTrue(await(() -> dig(port).contains("192.0.2.1")), "dnsmasq answers on port " + port);
            openUi(t, jar, "-i lo udp port " + port, " lo | bpf: udp port " + port);

            assertTrue(dig(port).contains("192.0.2.1"));
            String s = t.await(WAIT, x -> x.contains("Standard query response") && x.contains("A example.test"));
            assertTrue(s.matches("(?s).*127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:" + port
                    + " +DNS +\\d+ +Standard query 0x[0-9a-f]{4} A example\\.test.*"), s);
            assertTrue(s.contains("Standard query response 0x") && s.contains("A example.test A 192.0.2.1"), s);

            // A display filter on a DNS field keeps the response only.
            t.keys("/");
            t.awaitText(WAIT, "display filter:");
            t.type("dns.a == 192.0.2.1 && dns.qry.name contains \"example\"");
            t.keys("Enter");
            s = t.await(WAIT, x -> x.contains("| filter: dns.a == 192.0.2.1") && !x.contains("Standard query 0x"));
            assertTrue(s.contains("Standard query response") && !s.matches("(?s).*DNS +\\d+ +Standard query 0x.*"), s);

            // Its detail: the DNS layer lists its fields, named as a filter takes them.
            t.keys("Enter");
            t.awaitText(WAIT, "Up/Down: layer");
            t.keys("Down", "Down", "Down", "Down");
            s = t.await(WAIT, x -> x.contains("(dns.a)"));
            assertTrue(s.contains("v DNS, Standard query response") && s.contains("Address: 192.0.2.1  (dns.a)")
                    && s.contains("Query name: example.test  (dns.qry.name)"), s);
            t.keys("Escape"); // alone, and awaited: ESC with the next key would read as Alt-key
            t.await(WAIT, x -> x.contains("No. Time"));
            quit(t);
        } finally {
            stop(dnsmasq, "dnsmasq");
        }
    }

    @Test
    void curlAgainstAPythonHttpServerShowsHttp(@TempDir Path dir) throws Exception {
        Path jar = preconditions("curl", "python3");
        assumeTrue(Dissectors.names().contains("http"), "no HTTP dissector in the table yet: skipped");
        Files.writeString(dir.resolve("index.html"), "<p>hello from the test</p>\n");
        int port = freeTcpPort();
        Process server = httpServer(dir, port);
        try (Tmux t = Tmux.start("wiretop-app-http-" + ProcessHandle.current().pid(), 160, 40)) {
            String url = "http://127.0.0.1:" + port + "/index.html";
            assertTrue(await(() -> curl(url).contains("hello from the test")), "the HTTP server answers on " + port);
            // The port is not HTTP's: --decode-as names it (as a user would for a server of their own).
            openUi(t, jar, "--decode-as " + port + "=http -i lo tcp port " + port, " lo | bpf: tcp port " + port);

            assertTrue(curl(url).contains("hello from the test"));
            String s = t.await(WAIT, x -> x.contains("GET /index.html HTTP/1.1"));
            assertTrue(s.matches("(?s).*127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:" + port
                    + " +HTTP +\\d+ +GET /index\\.html HTTP/1\\.1 \\| Flags \\[P\\.\\].*"), s);
            quit(t);
        } finally {
            stop(server, "the HTTP server");
        }
    }
}
