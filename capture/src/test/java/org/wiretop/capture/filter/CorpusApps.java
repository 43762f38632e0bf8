package org.wiretop.capture.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The corpus's application traffic for filter tests: from every Ethernet capture in which our
 * decoder finds an application protocol, its first packets (all of them, not only the
 * application ones, so that negative matches are tested too). Found by decoding, so a protocol
 * joins by joining the dissector table.
 */
final class CorpusApps {
    private CorpusApps() {
    }

    static DisplayFilterTsharkTest.Capture collect(int perFile) {
        List<byte[]> frames = new ArrayList<>();
        List<Integer> caps = new ArrayList<>();
        List<Integer> wires = new ArrayList<>();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        for (Path capture : Corpus.captures()) {
            List<byte[]> mine = new ArrayList<>();
            List<int[]> lengths = new ArrayList<>();
            boolean[] app = {false};
            try (PacketSource source = Sources.openFile(capture.toString())) {
                if (source.linkType() != Decoder.DLT_EN10MB) {
                    continue;
                }
                source.run((epochNanos, wireLength, data, capturedLength) -> {
                    decoder.decode(Decoder.DLT_EN10MB, data, capturedLength, wireLength, s);
                    app[0] |= s.app != null;
                    if (mine.size() < perFile) {
                        mine.add(Arrays.copyOf(data, capturedLength));
                        lengths.add(new int[] {capturedLength, wireLength});
                    }
                }, 0);
            } catch (CaptureException | RuntimeException e) {
                continue; // a file our reader refuses is another test's business
            }
            if (app[0]) {
                frames.addAll(mine);
                lengths.forEach(l -> {
                    caps.add(l[0]);
                    wires.add(l[1]);
                });
            }
        }
        return new DisplayFilterTsharkTest.Capture(Decoder.DLT_EN10MB, frames,
                caps.stream().mapToInt(Integer::intValue).toArray(), wires.stream().mapToInt(Integer::intValue).toArray());
    }
}
