package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.PacketComments;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.PcapngWriter;
import org.wiretop.capture.Sources;
import org.wiretop.tui.model.DetailModel;

/**
 * A pcapng file's packet comments reach the UI's packet detail: read by the file source, kept
 * in the packet ring beside each packet (across its wrap-around), shown in the frame layer; and
 * the live process lookup adds its lines there too.
 */
class DetailCommentsTest {
    @TempDir
    Path dir;

    @Test
    void commentsFromAPcapngFileShowInTheDetailEvenAfterTheRingWrapped() throws Exception {
        byte[] udp = hex("000000000000000000000000080045000020000140004011000" + "07f0000017f000001"
                + "9c40263100" + "0c000061626364");
        Path file = dir.resolve("c.pcapng");
        PacketComments c = new PacketComments();
        try (PcapngWriter w = PcapngWriter.open(file.toString(), 1, 262144, "lo")) {
            for (int i = 0; i < 50; i++) {
                c.clear();
                if (i % 2 == 0) {
                    c.add(("pid " + i + " curl").getBytes(StandardCharsets.UTF_8));
                }
                w.write(1_700_000_000_000_000_000L + i, udp.length, udp, udp.length, c);
            }
        }
        PacketRing ring = new PacketRing(-1, 8, 1 << 10); // 8 packets, 1 KiB: it wraps many times
        try (PacketSource s = Sources.openFile(file.toString())) {
            ring.adoptLinkType(s.linkType());
            s.run((t, wire, data, len) -> ring.add(t, wire, data, len, s.comments()), 0);
        }
        DetailBuilder details = new DetailBuilder();
        details.setProcesses(summary -> List.of("pid 7 java"));
        for (long seq = ring.first(); seq < ring.end(); seq++) {
            RawPacket p = ring.read(seq);
            List<String> frame = details.build(p).layers().get(0).fields();
            assertTrue(frame.contains("Process: pid 7 java"), frame.toString());
            if (seq % 2 == 0) {
                assertEquals(List.of("pid " + seq + " curl"), p.comments());
                assertTrue(frame.contains("Comment: pid " + seq + " curl"), frame.toString());
            } else {
                assertEquals(List.of(), p.comments());
                assertTrue(frame.stream().noneMatch(f -> f.startsWith("Comment:")), frame.toString());
            }
            assertEquals(udp.length, p.data().length, "the comment is not part of the packet's bytes");
        }
        DetailModel last = details.build(ring.read(ring.end() - 1));
        assertTrue(last.title().startsWith("Frame 50:"), last.title());
    }

    private static byte[] hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
