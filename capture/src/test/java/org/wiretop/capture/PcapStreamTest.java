package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.CaptureTestSupport.pcapBytes;
import static org.wiretop.capture.CaptureTestSupport.randomPackets;
import static org.wiretop.capture.CaptureTestSupport.readAll;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureTestSupport.Packet;

/** The pcap stream reader behind {@code wiretop read -}: pipes, liveness, bad streams. */
class PcapStreamTest {
    @TempDir
    Path dir;

    @Test
    void readsAPipeFromAnotherProcess() throws Exception {
        List<Packet> packets = randomPackets(500, 11);
        Path f = Files.write(dir.resolve("p.pcap"), pcapBytes(packets, ByteOrder.BIG_ENDIAN, true, 113, 262144));
        Process cat = new ProcessBuilder("cat", f.toString()).start();
        try (PacketSource s = Sources.openStream("-", cat.getInputStream())) {
            assertEquals(113, s.linkType());
            List<Packet> back = readAll(s);
            assertEquals(packets.size(), back.size());
            for (int i = 0; i < packets.size(); i++) {
                assertEquals(packets.get(i).epochNanos(), back.get(i).epochNanos());
                assertArrayEquals(packets.get(i).data(), back.get(i).data());
            }
        } finally {
            cat.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void eachRecordIsDeliveredAsSoonAsItArrives() throws Exception {
        List<Packet> packets = randomPackets(3, 12);
        byte[] all = pcapBytes(packets, ByteOrder.LITTLE_ENDIAN, true, 1, 262144);
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream reader = new PipedInputStream(writer, 1 << 16);
        int firstEnd = 24 + 16 + packets.get(0).data().length;
        writer.write(all, 0, firstEnd);
        writer.flush();
        BlockingQueue<Packet> got = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        PacketSource s = Sources.openStream("-", reader);
        Thread t = new Thread(() -> {
            try {
                s.run((ts, w, d, l) -> got.add(new Packet(ts, w, Arrays.copyOf(d, l))), 0);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        // The first record arrives while the writer still holds back the rest.
        Packet first = got.poll(10, TimeUnit.SECONDS);
        assertTrue(first != null, "first packet delivered before the stream went on");
        assertArrayEquals(packets.get(0).data(), first.data());
        writer.write(all, firstEnd, all.length - firstEnd);
        writer.close();
        t.join(10_000);
        assertTrue(!t.isAlive() && failure.get() == null, "reader ended at the end of the stream: " + failure.get());
        assertEquals(2, got.size());
        s.close();
    }

    @Test
    void notAPcapStreamIsOneUsageLine() {
        CaptureException junk = assertThrows(CaptureException.class,
                () -> Sources.openStream("-", new ByteArrayInputStream("hello, this is text not pcap".getBytes())));
        assertTrue(junk.usage() && junk.getMessage().startsWith("-: not a pcap stream"), junk.getMessage());
        CaptureException empty = assertThrows(CaptureException.class,
                () -> Sources.openStream("-", new ByteArrayInputStream(new byte[0])));
        assertTrue(empty.usage() && empty.getMessage().startsWith("-: no data"), empty.getMessage());
        // pcapng streams are read too (PcapngStreamTest); a bad one is still one usage line.
        byte[] ng = new byte[28];
        ng[0] = 0x0a; ng[1] = 0x0d; ng[2] = 0x0d; ng[3] = 0x0a;
        CaptureException pcapng = assertThrows(CaptureException.class,
                () -> Sources.openStream("-", new ByteArrayInputStream(ng)));
        assertTrue(pcapng.usage() && pcapng.getMessage().startsWith("-: not a pcapng stream"), pcapng.getMessage());
    }
}
