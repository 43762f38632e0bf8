package org.wiretop.tui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.tui.model.DetailModel;
import org.wiretop.tui.model.PacketRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Packets list over a real ring: display filter, rows in words, detail, saving to pcap. */
class PacketListTest {
    static {
        // As the command line does before any logger exists (cli.Logging): pcap4j's INFO lines
        // would otherwise reach the stderr of the CLI tests that run later in this JVM.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
    }

    private static PacketRing ringOf(int n) {
        PacketRing ring = new PacketRing(1, 1000, 1 << 20);
        for (int i = 0; i < n; i++) {
            byte[] f = i % 2 == 0 ? Frames.udp(40000 + i, 11111, 4) : Frames.tcpSyn(50000 + i, 12345);
            ring.add(1_700_000_000_000_000_000L + i * 1000L, f.length, f, f.length);
        }
        return ring;
    }

    @Test
    void withoutAFilterPositionsAreSequenceNumbers() {
        PacketList list = new PacketList();
        list.reset(ringOf(10), DisplayFilter.MATCH_ALL);
        list.refresh();
        assertEquals(0, list.first());
        assertEquals(10, list.end());
        assertEquals(7, list.seqAt(7));
    }

    @Test
    void aDisplayFilterListsOnlyMatchingPackets() throws Exception {
        PacketList list = new PacketList();
        list.reset(ringOf(10), DisplayFilter.compile("tcp.port == 12345"));
        list.refresh();
        assertEquals(5, list.end() - list.first());
        for (long p = list.first(); p < list.end(); p++) {
            assertEquals(1, list.seqAt(p) % 2, "only the TCP packets (odd sequence numbers)");
        }
        list.reset(list.ring(), DisplayFilter.compile("udp && udp.srcport == 40004"));
        list.refresh();
        assertEquals(1, list.end());
        assertEquals(4, list.seqAt(0));
    }

    @Test
    void rowsAreInTcpdumpWords() {
        PacketRing ring = ringOf(2);
        PacketRows rows = new PacketRows();
        PacketRow udp = rows.row(ring.read(0));
        assertEquals(1, udp.number());
        assertEquals("UDP", udp.protocol());
        assertEquals("127.0.0.1:40000", udp.source());
        assertEquals("127.0.0.1:11111", udp.destination());
        assertEquals("UDP, length 4", udp.info());
        assertEquals(PacketRow.Mark.OK, udp.mark());
        PacketRow tcp = rows.row(ring.read(1));
        assertEquals("TCP", tcp.protocol());
        assertTrue(tcp.info().startsWith("Flags [S]"), tcp.info());
    }

    @Test
    void aCutPacketIsMarkedTruncated() {
        PacketRing ring = new PacketRing(1, 10, 1 << 16);
        byte[] f = Frames.tcpSyn(1, 2);
        ring.add(1, f.length, f, 40); // TCP header cut after 6 bytes
        PacketRow r = new PacketRows().row(ring.read(0));
        assertEquals(PacketRow.Mark.TRUNCATED, r.mark());
        assertTrue(r.info().contains("[|tcp]"), r.info());
    }

    @Test
    void detailHasOurLayersWithTheirByteRanges() {
        DetailModel d = new DetailBuilder().build(ringOf(2).read(1));
        List<String> titles = d.layers().stream().map(DetailModel.Layer::title).toList();
        assertTrue(titles.get(1).startsWith("Ethernet II"), titles.toString());
        DetailModel.Layer ip = d.layers().get(2);
        assertTrue(ip.title().startsWith("Internet Protocol Version 4, 127.0.0.1 > 127.0.0.1"), ip.title());
        assertEquals(14, ip.from());
        assertEquals(34, ip.to());
        DetailModel.Layer tcp = d.layers().get(3);
        assertEquals(34, tcp.from());
        assertEquals(54, tcp.to());
        assertTrue(tcp.fields().stream().anyMatch(f -> f.contains("SYN")), tcp.fields().toString());
    }

    @Test
    void pcap4jDecodesWhatOursDoesNotCover() {
        // An unknown link type: ours stops at the frame, pcap4j still names what it can.
        PacketRing ring = new PacketRing(147, 10, 1 << 16); // DLT_USER0
        byte[] f = Frames.udp(1, 2, 4);
        ring.add(1, f.length, f, f.length);
        DetailModel d = new DetailBuilder().build(ring.read(0));
        assertTrue(d.layers().stream().anyMatch(l -> l.title().startsWith("pcap4j:")),
                d.layers().stream().map(DetailModel.Layer::title).toList().toString());
    }

    @Test
    void savesTheRingToAPcapThatReadsBack(@TempDir Path dir) throws CaptureException {
        PacketRing ring = ringOf(6);
        Path file = dir.resolve("ring.pcap");
        String note = TuiApp.save(ring, file.toString());
        assertEquals("saved 6 packets to " + file, note);
        List<Integer> lengths = new ArrayList<>();
        try (PacketSource src = Sources.openFile(file.toString())) {
            assertEquals(1, src.linkType());
            src.run((t, wire, data, cap) -> lengths.add(cap), 0);
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(ring.read(i).data().length);
        }
        assertEquals(expected, lengths);
    }

    @Test
    void savingToAnUnwritablePlaceSaysWhy(@TempDir Path dir) {
        String note = TuiApp.save(ringOf(1), dir.resolve("no/such/dir/x.pcap").toString());
        assertTrue(note.startsWith("not saved: cannot write"), note);
    }
}
