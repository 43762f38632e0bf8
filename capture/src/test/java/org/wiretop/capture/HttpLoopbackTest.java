package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.format.AppTools;

/**
 * HTTP from real programs: {@code curl} against {@code python3 -m http.server} on port 80 of a
 * namespace of the test's own, captured live on its {@code lo} by our capture. Our text equals
 * {@code tcpdump -nn}'s line for line; our HTTP fields equal tshark's, message by message in each
 * conversation (python writes headers and body apart; tshark shows the response on the body's
 * segment, we on the headers'); our Info equals tshark's. Skipped without root or the tools.
 */
class HttpLoopbackTest {
    private static final List<String> FIELDS = List.of("http.request.method", "http.request.uri",
            "http.request.version", "http.response.version", "http.response.code", "http.response.phrase",
            "http.host", "http.user_agent", "http.content_type", "http.content_length_header");

    @TempDir
    Path dir;

    @Test
    void curlAgainstPythonHttpServer() throws Exception {
        AppTools.assumeTools();
        CaptureTestSupport.assumeTool("python3");
        CaptureTestSupport.assumeTool("curl");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<html><body>wiretop</body></html>\n");
        Path file = dir.resolve("http.pcap");
        try (Netns ns = Netns.create()) {
            ns.start(dir.resolve("server.log"), "python3", "-m", "http.server", "80", "--bind", "127.0.0.1",
                    "--directory", site.toString());
            Netns.await("the HTTP server", 20, () -> curl(ns, "http://127.0.0.1/").exit() == 0);
            Process capture = ns.capture(file, "tcp port 80", dir.resolve("capture.log"));
            assertEquals(0, curl(ns, "http://127.0.0.1/index.html").exit());
            assertEquals(0, curl(ns, "http://127.0.0.1/no-such-page").exit()); // 404 with a body
            assertEquals(0, curl(ns, "-I", "http://127.0.0.1/index.html").exit()); // HEAD
            assertEquals(0, curl(ns, "-d", "a=1", "http://127.0.0.1/form").exit()); // POST: 501
            assertEquals(0, curl(ns, "-A", "wiretop-test/1.0 (tab\tand quote\")", "http://127.0.0.1/?q=1&r=2").exit());
            Netns.await("five conversations to end", 20, () -> LoopbackCheck.closedConversations(file) >= 5);
            Netns.stopCapture(capture);
        }
        int packets = LoopbackCheck.textEqualsTcpdumps(file);
        int messages = LoopbackCheck.fieldsEqualTsharks(file, FIELDS, false, false);
        LoopbackCheck.Infos infos = LoopbackCheck.infos(file, info -> (info.startsWith("GET ") || info.startsWith("HEAD ")
                || info.startsWith("POST ") || info.startsWith("HTTP/")) && !info.endsWith("[TCP segment of a reassembled PDU]"),
                false);
        for (String stream : infos.theirs().keySet()) {
            List<String> theirs = infos.theirs().get(stream);
            List<String> ours = infos.ours().get(stream);
            if (theirs.get(0).startsWith("HEAD ")) {
                // a response to HEAD has no body: tshark knows it from the request, a packet alone cannot
                ours = ours.stream().map(i -> i.replace("  (text/html)", "")).toList();
            }
            LoopbackCheck.sameLists(java.util.Map.of(stream, theirs), java.util.Map.of(stream, ours), "Info");
        }
        assertEquals(infos.theirs().keySet(), infos.ours().keySet());
        assertEquals(10, messages, "five requests and five responses");
        assertTrue(packets > 40 && infos.count() == 10, packets + " packets, " + infos.count() + " Info lines");
        System.out.printf("http loopback: %d packets equal to tcpdump's, %d messages' fields and Info equal to tshark's%n",
                packets, messages);
    }

    private static Netns.Result curl(Netns ns, String... args) {
        String[] command = new String[args.length + 4];
        command[0] = "curl";
        command[1] = "-s";
        command[2] = "-o";
        command[3] = "/dev/null";
        System.arraycopy(args, 0, command, 4, args.length);
        try {
            return ns.run(command);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
