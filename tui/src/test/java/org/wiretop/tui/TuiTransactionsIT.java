package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;
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

/**
 * The Transactions view live, in tmux, against the built jar: {@code dig} asks a {@code dnsmasq}
 * and {@code curl} fetches from {@code python3 -m http.server} (its port given with
 * {@code --decode-as}); {@code 5} lists both requests with their status and latency, {@code s}
 * sorts by latency; the Connections view ({@code 2}) has its {@code Exp} column and {@code f} there
 * opens the Follow view on the HTTP connection. Needs root, tmux and the programs; skips otherwise.
 */
class TuiTransactionsIT {
    @Test
    void digAndCurlShowAsTransactions(@TempDir Path dir) throws Exception {
        Path jar = preconditions("dig", "dnsmasq", "curl", "python3");
        int dnsPort = freeUdpPort(), httpPort = freeTcpPort();
        Files.writeString(dir.resolve("index.html"), "<p>hello from the test</p>\n");
        Process dnsmasq = dnsmasq(dir, dnsPort);
        Process http = httpServer(dir, httpPort);
        String url = "http://127.0.0.1:" + httpPort + "/index.html";
        try (Tmux t = Tmux.start("wiretop-txn-" + ProcessHandle.current().pid(), 160, 40)) {
            assertTrue(await(() -> dig(dnsPort).contains("192.0.2.1")), "dnsmasq answers on port " + dnsPort);
            assertTrue(await(() -> curl(url).contains("hello from the test")), "the HTTP server answers on " + httpPort);
            openUi(t, jar, "--decode-as " + httpPort + "=http," + dnsPort + "=dns -i lo udp port " + dnsPort
                    + " or tcp port " + httpPort, " lo | bpf: udp port " + dnsPort);

            assertTrue(dig(dnsPort).contains("192.0.2.1"));
            assertTrue(curl(url).contains("hello from the test"));
            t.keys("5");
            // The Packets view shows both lines too: wait for the Transactions view's summary.
            String s = t.await(WAIT, x -> x.contains(" transactions, ") && x.contains("A example.test")
                    && x.contains("GET /index.html"));
            assertTrue(s.matches("(?s).*DNS +127\\.0\\.0\\.1\\.\\d+ +127\\.0\\.0\\.1\\." + dnsPort
                    + " +A example\\.test +NOERROR +\\d+\\.\\d{3} .*"), s);
            assertTrue(s.matches("(?s).*HTTP +127\\.0\\.0\\.1\\.\\d+ +127\\.0\\.0\\.1\\." + httpPort
                    + " +GET /index\\.html +200 +\\d+\\.\\d{3} .*"), s);
            assertTrue(s.contains("2 transactions, 0 errors (red)"), s);
            t.keys("s");
            t.awaitText(WAIT, "Latency msv");

            // Connections: the Exp column, and f follows the HTTP connection
            t.keys("2");
            s = t.await(WAIT, x -> x.contains("Exp") && x.contains("127.0.0.1:" + httpPort));
            assertTrue(s.contains("Exp"), s);
            // select the first row of the HTTP connection (on loopback each end has its row)
            int row = 0;
            for (String line : s.split("\n")) {
                if (line.startsWith(" tcp ") && line.contains(":" + httpPort + " ")) {
                    break;
                }
                if (line.startsWith(" tcp ") || line.startsWith(" udp ")) {
                    row++;
                }
            }
            for (int i = 0; i < row; i++) {
                t.keys("Down");
            }
            t.keys("f");
            s = t.await(WAIT, x -> x.contains("GET /index.html HTTP/1.1") && x.contains("hello from the test"));
            assertTrue(s.contains("HTTP/1.0 200 OK"), s);
            t.keys("Escape"); // alone, and awaited: ESC with the next key would read as Alt-key
            t.await(WAIT, x -> x.contains("Exp") && x.contains("Rate/s"));
            quit(t);
        } finally {
            stop(dnsmasq, "dnsmasq");
            stop(http, "the HTTP server");
        }
    }
}
