package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.wiretop.capture.CaptureTestSupport.assumeLibpcap;
import static org.wiretop.capture.CaptureTestSupport.pcapBytes;
import static org.wiretop.capture.CaptureTestSupport.randomPackets;

import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureTestSupport.Packet;

/**
 * The pure-Java pcapng stream reader against libpcap on real pcapng files: written by tshark
 * (or editcap) from a pcap of our own, and tcpdump's pcapng test files from the shared corpus.
 */
class PcapngLibpcapTest {
    @TempDir
    Path dir;

    @Test
    void aPcapngWrittenByWiresharksToolsReadsThroughAPipeAsLibpcapReadsIt() throws Exception {
        assumeLibpcap();
        String tool = CaptureTestSupport.onPath("tshark") ? "tshark" : "editcap";
        CaptureTestSupport.assumeTool(tool);
        List<Packet> packets = randomPackets(200, 21);
        Path pcap = Files.write(dir.resolve("a.pcap"), pcapBytes(packets, ByteOrder.LITTLE_ENDIAN, true, 1, 262144));
        Path ng = dir.resolve("a.pcapng");
        if (tool.equals("tshark")) {
            CaptureTestSupport.run("tshark", "-r", pcap.toString(), "-F", "pcapng", "-w", ng.toString());
        } else {
            CaptureTestSupport.run("editcap", "-F", "pcapng", pcap.toString(), ng.toString());
        }
        Process cat = new ProcessBuilder("cat", ng.toString()).start();
        Read ours;
        try (PacketSource s = Sources.openStream("-", cat.getInputStream())) {
            assertTrue(s instanceof PcapngStreamSource, tool + " wrote pcapng");
            assertEquals(1, s.linkType());
            ours = Read.all(s);
            assertNull(ours.error);
            assertNull(s.endNote());
        } finally {
            cat.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(packets.size(), ours.packets.size());
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(packets.get(i).epochNanos(), ours.packets.get(i).epochNanos(), "stamp of " + i);
            assertEquals(packets.get(i).wireLength(), ours.packets.get(i).wireLength(), "wire length of " + i);
            assertArrayEquals(packets.get(i).data(), ours.packets.get(i).data(), "bytes of " + i);
        }
        try (PacketSource s = Sources.openFileWithLibpcap(ng.toString())) {
            assertSame(ng.toString(), Read.all(s), ours);
        }
    }

    /**
     * Every pcapng file of tcpdump's test suite that libpcap opens: our reader gives the same
     * packets (bytes, wire length, nanosecond stamps) and link type. Where libpcap stops with an
     * error (a cut file, a second link type, a packet beyond its snaplen), ours must have given
     * at least the packets libpcap gave, the same.
     */
    @Test
    void everyCorpusPcapngReadsAsLibpcapReadsIt() throws Exception {
        assumeLibpcap();
        Path corpus = Path.of(System.getProperty("wiretop.shared", "../shared"), "corpus", "tcpdump");
        assumeTrue(Files.isDirectory(corpus), "capture corpus absent at " + corpus.toAbsolutePath() + " (set -Dwiretop.shared): skipped");
        List<Path> files;
        try (Stream<Path> list = Files.list(corpus)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".pcapng")).sorted().toList();
        }
        int compared = 0;
        int whole = 0;
        int refused = 0;
        long packets = 0;
        List<String> libpcapStopped = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Read libpcap;
            int libpcapLinkType;
            try (PacketSource s = Sources.openFileWithLibpcap(f.toString())) {
                libpcapLinkType = s.linkType();
                libpcap = Read.all(s);
            } catch (CaptureException e) {
                refused++;
                continue;
            }
            Read ours;
            try (InputStream in = Files.newInputStream(f); PacketSource s = Sources.openStream(name, in)) {
                assertEquals(libpcapLinkType, asLibpcapDlt(s.linkType()), name + ": link type");
                ours = Read.all(s);
            } catch (CaptureException e) {
                fail(name + ": libpcap opens it, we do not: " + e.getMessage());
                return;
            }
            compared++;
            packets += libpcap.packets.size();
            if (libpcap.error == null) {
                whole++;
                assertNull(ours.error, name + ": libpcap reads it whole, we stopped");
                assertSame(name, libpcap, ours);
            } else {
                libpcapStopped.add(name + " (libpcap: " + libpcap.error + "; ours: "
                        + (ours.error != null ? ours.error : ours.packets.size() + " packets") + ")");
                assertTrue(ours.packets.size() >= libpcap.packets.size(), name + ": fewer packets than libpcap's");
                assertSame(name, libpcap, new Read(ours.packets.subList(0, libpcap.packets.size()), null));
            }
        }
        System.out.printf("pcapng corpus: %d of %d files compared with libpcap (%d read whole by both), %d packets identical;"
                + " %d files libpcap refuses to open; libpcap stopped early in %s%n",
                compared, files.size(), whole, packets, refused, libpcapStopped);
        assertTrue(compared > 0, "some corpus pcapng files were compared");
    }

    /** libpcap reports DLT values; a pcapng file carries LINKTYPE values (the same but for a few). */
    private static int asLibpcapDlt(int linkType) {
        return linkType == 101 ? 12 : linkType; // LINKTYPE_RAW is DLT_RAW, 12 on Linux
    }

    private static void assertSame(String name, Read expected, Read actual) {
        assertEquals(expected.packets.size(), actual.packets.size(), name + ": packet count");
        for (int i = 0; i < expected.packets.size(); i++) {
            Packet e = expected.packets.get(i);
            Packet a = actual.packets.get(i);
            assertEquals(e.epochNanos(), a.epochNanos(), name + ": stamp of packet " + (i + 1));
            assertEquals(e.wireLength(), a.wireLength(), name + ": wire length of packet " + (i + 1));
            assertArrayEquals(e.data(), a.data(), name + ": bytes of packet " + (i + 1));
        }
    }

    /** The packets a source gave, and the error it stopped with (null when it read to the end). */
    private record Read(List<Packet> packets, String error) {
        static Read all(PacketSource s) {
            List<Packet> out = new ArrayList<>();
            try {
                s.run((ts, wire, data, len) -> out.add(new Packet(ts, wire, Arrays.copyOf(data, len))), 0);
                return new Read(out, null);
            } catch (CaptureException e) {
                return new Read(out, e.getMessage());
            }
        }
    }
}
