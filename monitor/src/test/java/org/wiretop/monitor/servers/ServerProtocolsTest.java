package org.wiretop.monitor.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each server over IPv4 and IPv6 loopback, with the notes' plain clients and with ours. */
class ServerProtocolsTest {
    private static final Pattern CTIME = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 123]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\n");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ServerManager manager = new ServerManager();
    private final EventLog log = new EventLog();

    static java.util.List<String> loopbacks() {
        return Loopbacks.addresses();
    }

    @BeforeEach
    void listen() {
        manager.addListener(log);
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private InetSocketAddress start(ServerKind kind, String bind) throws IOException {
        RunningServer s = manager.start(kind, Loopbacks.address(bind), 0);
        assertNotEquals(0, s.local().getPort(), "port 0 must be reported as the real port");
        return s.local();
    }

    /** The notes' client: connect, send, shutdown(SHUT_WR), recv until EOF, close. */
    private static byte[] plainExchange(InetSocketAddress to, byte[] message) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(message);
            s.shutdownOutput();
            return s.getInputStream().readAllBytes();
        }
    }

    private static byte[] ours(InetSocketAddress to, byte[] message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TcpClient.Reply reply = TcpClient.exchange(to, message, TIMEOUT, out);
        assertTrue(reply.closedByServer(), "server closes after the exchange");
        assertEquals(out.size(), reply.bytesReceived());
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("loopbacks")
    void echoSendsBackExactlyTheBytes(String bind) throws IOException {
        InetSocketAddress at = start(ServerKind.ECHO, bind);
        byte[] message = new byte[100_000];
        new java.util.Random(7).nextBytes(message);
        assertArrayEquals(message, plainExchange(at, message));
        assertArrayEquals("hello\n".getBytes(StandardCharsets.US_ASCII), ours(at, "hello\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(log.await(ServerEvent.Closed.class, c -> c.bytesIn() == 100_000 && c.bytesOut() == 100_000
                && c.reason().equals("closed by client")), "close event with bytes: " + log.events);
        assertTrue(log.of(ServerEvent.Accepted.class).stream().allMatch(a -> a.remote().getAddress().isLoopbackAddress()));
    }

    @ParameterizedTest
    @MethodSource("loopbacks")
    void helloGreetsTheClientByAddressAndCloses(String bind) throws IOException {
        InetSocketAddress at = start(ServerKind.HELLO, bind);
        String expected = "Hello " + Endpoints.text(Loopbacks.address(bind)) + "\n";
        assertEquals(expected, new String(plainExchange(at, new byte[0]), StandardCharsets.US_ASCII));
        assertEquals(expected, new String(ours(at, "ignored".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @MethodSource("loopbacks")
    void timeSendsCtimeTextAndCloses(String bind) throws IOException {
        InetSocketAddress at = start(ServerKind.TIME, bind);
        // A client that only reads, as in the notes (no shutdown of its own side).
        try (Socket s = new Socket()) {
            s.connect(at, 5000);
            s.setSoTimeout(5000);
            String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(CTIME.matcher(text).matches(), "ctime text: '" + text + "'");
        }
        String text = new String(ours(at, new byte[0]), StandardCharsets.US_ASCII);
        assertTrue(CTIME.matcher(text).matches(), "ctime text: '" + text + "'");
    }

    @ParameterizedTest
    @MethodSource("loopbacks")
    void upperRepliesWithTheUpperCase(String bind) throws IOException {
        InetSocketAddress at = start(ServerKind.UPPER, bind);
        byte[] message = "hello, World 123 \u00e9".getBytes(StandardCharsets.ISO_8859_1);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(Loopbacks.address(bind), 0))) {
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(message, message.length, at));
            DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
            s.receive(reply);
            assertEquals("HELLO, WORLD 123 \u00e9", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1));
        }
        Optional<byte[]> reply = UdpClient.request(at, "abc xyz".getBytes(StandardCharsets.US_ASCII), TIMEOUT);
        assertEquals("ABC XYZ", new String(reply.orElseThrow(), StandardCharsets.US_ASCII));
        assertTrue(log.await(ServerEvent.Datagram.class, d -> d.bytesIn() == 7 && d.bytesOut() == 7));
    }

    @ParameterizedTest
    @MethodSource("loopbacks")
    void httpAnswersGetWithOkAndTheRightLength(String bind) throws IOException {
        InetSocketAddress at = start(ServerKind.HTTP, bind);
        for (String version : new String[] {"HTTP/1.0", "HTTP/1.1"}) {
            String response = new String(plainExchange(at, ("GET /some/path " + version + "\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.0 200 OK\r\n"), response);
            assertBodyMatchesContentLength(response);
            assertTrue(response.toLowerCase(Locale.ROOT).contains("\r\ncontent-type: text/plain"), response);
            assertTrue(response.contains("/some/path"), response);
        }
        String viaOurs = new String(ours(at, "GET / HTTP/1.0\n\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
        assertTrue(viaOurs.startsWith("HTTP/1.0 200 OK\r\n"), viaOurs);
        assertBodyMatchesContentLength(viaOurs);
    }

    @ParameterizedTest
    @MethodSource("loopbacks")
    void httpSays400ToGarbageAnd431ToAnOversizedHead(String bind) throws IOException {
        InetSocketAddress at = start(ServerKind.HTTP, bind);
        for (String garbage : new String[] {"\u0000\u0001\u0002binary", "hello there\r\n\r\n", "GET\r\n\r\n",
                "GET /x HTTP/1.0 extra\r\n\r\n", "GET nopath HTTP/1.0\r\n\r\n", "GET /x HTTP/1.0\r\nno colon\r\n\r\n",
                "GET /x HTP/1.0\r\n\r\n", "GET /x"}) {
            String response = new String(plainExchange(at, garbage.getBytes(StandardCharsets.ISO_8859_1)),
                    StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.0 400 Bad Request\r\n"), garbage + " -> " + response);
            assertBodyMatchesContentLength(response);
        }
        byte[] huge = ("GET /x HTTP/1.0\r\nX-Filler: " + "a".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String response = new String(plainExchange(at, huge), StandardCharsets.US_ASCII);
        assertTrue(response.startsWith("HTTP/1.0 431 "), response);
        assertBodyMatchesContentLength(response);
        String post = new String(plainExchange(at, "POST /x HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII);
        assertTrue(post.startsWith("HTTP/1.0 405 "), post);
    }

    static void assertBodyMatchesContentLength(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        assertTrue(headEnd > 0, "a head ends with an empty line: " + response);
        Matcher m = Pattern.compile("(?i)\r\ncontent-length: (\\d+)\r\n").matcher(response.substring(0, headEnd + 2));
        assertTrue(m.find(), "Content-Length present: " + response);
        assertEquals(Integer.parseInt(m.group(1)), response.length() - headEnd - 4, "Content-Length equals the body length");
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
