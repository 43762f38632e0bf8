package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.CaptureTestSupport.assumeRoot;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureTestSupport.Packet;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * Live capture on lo as root, with traffic the test makes itself (127.0.0.1 only, bounded):
 * every packet is captured, decoded right, written to a file tcpdump reads back, and stopping
 * works with no traffic at all.
 */
class LiveCaptureTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int IP_127_0_0_1 = 0x7f000001;

    @TempDir
    Path dir;

    @BeforeEach
    void needsRoot() {
        assumeRoot();
    }

    /** A capture running on its own thread, copying every packet. */
    private static final class Running implements AutoCloseable {
        final PacketSource source;
        final List<Packet> packets = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;
        volatile long returned = -1;

        Running(PacketSource source, PcapWriter writer, long max) {
            this.source = source;
            thread = new Thread(() -> {
                try {
                    returned = source.run((ts, wire, data, len) -> {
                        packets.add(new Packet(ts, wire, Arrays.copyOf(data, len)));
                        if (writer != null) {
                            try {
                                writer.write(ts, wire, data, len);
                            } catch (CaptureException e) {
                                throw new UncheckedCaptureException(e);
                            }
                        }
                    }, max);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-capture");
            thread.start();
        }

        void stopAndJoin() throws InterruptedException {
            source.stop();
            thread.join(10_000);
            assertFalse(thread.isAlive(), "run() returned after stop()");
        }

        @Override
        public void close() throws InterruptedException {
            stopAndJoin();
            source.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(2_000_000L);
        }
    }

    @Test
    void capturesEveryUdpDatagramAndTheTcpConversationAndDecodesThem() throws Exception {
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             ServerSocket server = new ServerSocket(0, 10, LOOPBACK)) {
            int udpPort = sink.getLocalPort();
            int tcpPort = server.getLocalPort();
            Path file = dir.resolve("live.pcap");
            long start = System.currentTimeMillis() * 1_000_000L;
            PacketSource source = Sources.openLive(LiveOptions.of("lo", "udp port " + udpPort + " or tcp port " + tcpPort));
            assertEquals(Decoder.DLT_EN10MB, source.linkType());
            PcapWriter writer = PcapWriter.open(file.toString(), source.linkType(), source.snaplen());
            List<Packet> packets;
            try (Running capture = new Running(source, writer, 0)) {
                int datagrams = 20;
                try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                    for (int i = 0; i < datagrams; i++) {
                        byte[] msg = ("wiretop-udp-" + i).getBytes(StandardCharsets.US_ASCII);
                        client.send(new DatagramPacket(msg, msg.length, LOOPBACK, udpPort));
                    }
                }
                String reply = tcpExchange(server, "hello wiretop");
                assertEquals("ok:hello wiretop", reply);

                PacketSummary s = new PacketSummary();
                Decoder decoder = new Decoder();
                await("all datagrams and both FINs", () -> {
                    int udp = 0;
                    int fins = 0;
                    for (Packet p : capture.packets) {
                        decoder.decode(source.linkType(), p.data(), p.data().length, p.wireLength(), s);
                        udp += s.transportProtocol == 17 ? 1 : 0;
                        fins += s.transportProtocol == 6 && (s.tcpFlags & PacketSummary.FIN) != 0 ? 1 : 0;
                    }
                    return udp == datagrams && fins == 2;
                });
                capture.stopAndJoin();
                assertEquals(null, capture.failure.get());
                packets = new ArrayList<>(capture.packets);
                assertEquals(packets.size(), capture.returned, "run() returns the count it delivered");
                assertEquals(packets.size(), source.stats().captured());
                writer.close();
                checkUdp(packets, udpPort, datagrams);
                checkTcp(packets, tcpPort);
            }
            long end = System.currentTimeMillis() * 1_000_000L + 1_000_000L;
            checkStamps(packets, start, end);
            checkFile(file, packets);
        }
    }

    /** Client sends a line and half-closes; the server answers "ok:" + what it read and closes. */
    private static String tcpExchange(ServerSocket server, String message) throws Exception {
        AtomicReference<Throwable> serverFailure = new AtomicReference<>();
        Thread serverThread = new Thread(() -> {
            try (Socket c = server.accept()) {
                c.setSoTimeout(10_000);
                byte[] got = c.getInputStream().readAllBytes();
                c.getOutputStream().write(("ok:" + new String(got, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
            } catch (Throwable t) {
                serverFailure.set(t);
            }
        });
        serverThread.start();
        String reply;
        try (Socket client = new Socket(LOOPBACK, server.getLocalPort())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(message.getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            InputStream in = client.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            reply = buf.toString(StandardCharsets.US_ASCII);
        }
        serverThread.join(10_000);
        assertEquals(null, serverFailure.get());
        return reply;
    }

    private static void checkUdp(List<Packet> packets, int udpPort, int datagrams) {
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        List<String> payloads = new ArrayList<>();
        for (Packet p : packets) {
            decoder.decode(Decoder.DLT_EN10MB, p.data(), p.data().length, p.wireLength(), s);
            if (s.transportProtocol != 17) {
                continue;
            }
            byte[] d = p.data();
            // Raw bytes first (EN10MB on lo: 14-byte Ethernet, 20-byte IPv4), then the decoder.
            assertEquals(0x0800, ((d[12] & 0xff) << 8) | (d[13] & 0xff), "ethertype");
            assertEquals(17, d[23], "IP protocol");
            assertEquals(udpPort, ((d[36] & 0xff) << 8) | (d[37] & 0xff), "destination port at offset 36");
            assertEquals(Status.OK, s.status, s.reason);
            assertEquals(IP_127_0_0_1, s.ip4Src);
            assertEquals(IP_127_0_0_1, s.ip4Dst);
            assertEquals(udpPort, s.dstPort);
            assertTrue(s.ipChecksumOk());
            String payload = new String(d, s.payloadOffset, s.payloadLength, StandardCharsets.US_ASCII);
            assertEquals(payload.length() + 8, s.udpLength);
            assertEquals(d.length, p.wireLength(), "whole packet kept (snaplen 262144)");
            payloads.add(payload);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < datagrams; i++) {
            expected.add("wiretop-udp-" + i);
        }
        assertEquals(expected, payloads, "every datagram exactly once, in order");
    }

    private static void checkTcp(List<Packet> packets, int tcpPort) {
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        int syn = 0;
        int synAck = 0;
        int fins = 0;
        StringBuilder toServer = new StringBuilder();
        StringBuilder toClient = new StringBuilder();
        for (Packet p : packets) {
            decoder.decode(Decoder.DLT_EN10MB, p.data(), p.data().length, p.wireLength(), s);
            if (s.transportProtocol != 6) {
                continue;
            }
            assertEquals(Status.OK, s.status, s.reason);
            assertTrue(s.srcPort == tcpPort || s.dstPort == tcpPort);
            int flags = s.tcpFlags;
            syn += flags == PacketSummary.SYN ? 1 : 0;
            synAck += flags == (PacketSummary.SYN | PacketSummary.ACK) ? 1 : 0;
            fins += (flags & PacketSummary.FIN) != 0 ? 1 : 0;
            String payload = new String(p.data(), s.payloadOffset, s.payloadLength, StandardCharsets.US_ASCII);
            assertEquals(s.tcpPayloadLength, payload.length());
            (s.dstPort == tcpPort ? toServer : toClient).append(payload);
        }
        assertEquals(1, syn, "one SYN");
        assertEquals(1, synAck, "one SYN-ACK");
        assertEquals(2, fins, "a FIN each way");
        assertEquals("hello wiretop", toServer.toString(), "client bytes, once");
        assertEquals("ok:hello wiretop", toClient.toString(), "server bytes, once");
    }

    private static void checkStamps(List<Packet> packets, long start, long end) {
        long previous = 0;
        boolean subMicro = false;
        for (Packet p : packets) {
            assertTrue(p.epochNanos() >= start - 1_000_000_000L && p.epochNanos() <= end, "stamp within the test");
            assertTrue(p.epochNanos() >= previous, "stamps never go back");
            previous = p.epochNanos();
            subMicro |= p.epochNanos() % 1000 != 0;
        }
        assertTrue(subMicro, "nanosecond precision: some stamp has sub-microsecond digits");
    }

    private static void checkFile(Path file, List<Packet> packets) throws Exception {
        try (PacketSource s = Sources.openFile(file.toString())) {
            List<Packet> back = CaptureTestSupport.readAll(s);
            assertEquals(packets.size(), back.size());
            for (int i = 0; i < back.size(); i++) {
                assertEquals(packets.get(i).epochNanos(), back.get(i).epochNanos());
                assertArrayEquals(packets.get(i).data(), back.get(i).data());
            }
        }
        if (CaptureTestSupport.onPath("tcpdump")) {
            String out = CaptureTestSupport.run("tcpdump", "-nn", "-r", file.toString());
            assertEquals(packets.size(), out.strip().split("\n").length, "tcpdump -r reads the same count");
        }
    }

    @Test
    void stopReturnsPromptlyWithNoTrafficAtAll() throws Exception {
        try (DatagramSocket unused = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            // A port nobody sends to: libpcap sees nothing and would block without breakloop.
            PacketSource source = Sources.openLive(LiveOptions.of("lo", "udp port " + unused.getLocalPort()));
            try (Running capture = new Running(source, null, 0)) {
                await("the capture thread to start reading", () -> capture.thread.getState() == Thread.State.RUNNABLE);
                long until = System.nanoTime() + 300_000_000L; // let it block inside libpcap
                while (System.nanoTime() < until) {
                    LockSupport.parkNanos(10_000_000L);
                }
                assertTrue(capture.thread.isAlive(), "still waiting for packets");
                capture.stopAndJoin();
                assertEquals(0, capture.returned);
                assertEquals(null, capture.failure.get());
            }
        }
    }

    @Test
    void stopBeforeRunMakesRunReturnAtOnce() throws Exception {
        PacketSource source = Sources.openLive(LiveOptions.of("lo", "udp port 9"));
        source.stop();
        try (Running capture = new Running(source, null, 0)) {
            capture.thread.join(10_000);
            assertFalse(capture.thread.isAlive());
        }
    }

    @Test
    void maxPacketsStopsAtTheCountAndHandlerFailuresComeBackFromRun() throws Exception {
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             PacketSource source = Sources.openLive(LiveOptions.of("lo", "udp port " + sink.getLocalPort()))) {
            for (int i = 0; i < 10; i++) {
                client.send(new DatagramPacket(new byte[] {(byte) i}, 1, LOOPBACK, sink.getLocalPort()));
            }
            assertEquals(5, source.run((ts, w, d, l) -> { }, 5));
            CaptureException e = assertThrows(CaptureException.class, () -> source.run((ts, w, d, l) -> {
                throw new UncheckedCaptureException(new CaptureException("disk full", false));
            }, 0));
            assertEquals("disk full", e.getMessage());
            assertEquals(6, source.stats().captured());
        }
    }

    @Test
    void anyDeviceGivesLinuxSll2AndImmediateModeDeliversAtOnce() throws Exception {
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            LiveOptions o = new LiveOptions("any", "udp dst port " + sink.getLocalPort(), 65535, false, true,
                    LiveOptions.DEFAULT_BUFFER_BYTES, LiveOptions.DEFAULT_TIMEOUT_MILLIS);
            try (PacketSource source = Sources.openLive(o)) {
                assertEquals(Decoder.DLT_LINUX_SLL2, source.linkType(), "tcpdump's link type on any");
                assertEquals(65535, source.snaplen());
                byte[] msg = "wiretop-any".getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(msg, msg.length, LOOPBACK, sink.getLocalPort()));
                // libpcap keeps only the incoming copy of a loopback packet, on "any" too.
                try (Running capture = new Running(source, null, 1)) {
                    capture.thread.join(10_000);
                    assertFalse(capture.thread.isAlive(), "the datagram arrived");
                    assertEquals(null, capture.failure.get());
                    assertEquals(1, capture.packets.size());
                    Packet p = capture.packets.get(0);
                    PacketSummary s = new PacketSummary();
                    new Decoder().decode(source.linkType(), p.data(), p.data().length, p.wireLength(), s);
                    assertEquals(Status.OK, s.status, s.reason);
                    assertEquals(PacketSummary.SLL_HOST, s.sllPacketType, "incoming, to us");
                    assertEquals(sink.getLocalPort(), s.dstPort);
                    assertEquals("wiretop-any", new String(p.data(), s.payloadOffset, s.payloadLength, StandardCharsets.US_ASCII));
                }
            }
        }
    }

    @Test
    void badFilterAndUnknownInterfaceAreOneUsageLine() {
        CaptureException filter = assertThrows(CaptureException.class,
                () -> Sources.openLive(LiveOptions.of("lo", "tcp portt 80")));
        assertTrue(filter.usage());
        assertEquals("bad capture filter 'tcp portt 80': can't parse filter expression: syntax error"
                + " (tcpdump syntax, see 'man pcap-filter')", filter.getMessage());

        CaptureException iface = assertThrows(CaptureException.class,
                () -> Sources.openLive(LiveOptions.of("wiretop-none0", "")));
        assertTrue(iface.usage());
        assertTrue(iface.getMessage().startsWith("no interface named 'wiretop-none0': choose one of "), iface.getMessage());
        assertTrue(iface.getMessage().contains("lo") && iface.getMessage().endsWith("(see 'wiretop interfaces')"));
    }

    @Test
    void interfacesListLoopbackWithItsAddressAndLinkType() throws Exception {
        InterfaceInfo lo = Sources.interfaces().stream().filter(i -> i.name().equals("lo")).findFirst().orElse(null);
        assertNotNull(lo, "lo is listed");
        assertTrue(lo.flags().contains("Loopback") && lo.flags().contains("Up"), lo.flags().toString());
        assertTrue(lo.addresses().contains("127.0.0.1/8"), lo.addresses().toString());
        assertEquals("EN10MB", lo.linkType());
    }
}
