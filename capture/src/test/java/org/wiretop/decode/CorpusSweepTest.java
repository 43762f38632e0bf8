package org.wiretop.decode;

import org.wiretop.capture.format.LineBuilder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TextOptions;

/**
 * Every file of tcpdump's test corpus (about 200 of which reproduce crashes and over-reads
 * found by fuzzing) goes through the reader, the decoder, the JSON formatter and the text
 * formatter with tcpdump's {@code -e -vvv -XX} (link headers, checksums, options, quotes, dumps)
 * with no exception escaping; files of link types we do not decode give {@link Status#UNSUPPORTED}.
 */
class CorpusSweepTest {
    @Test
    void everyCorpusFileDecodesWithoutException() {
        List<Path> captures = Corpus.captures();
        Decoder decoder = new Decoder();
        PacketSummary summary = new PacketSummary();
        LineBuilder json = new LineBuilder(1024);
        TextFormatter text = new TextFormatter(null, true, TextOptions.of(3, true, 0, 0, 2, false));
        Map<Status, Long> statuses = new EnumMap<>(Status.class);
        int unreadable = 0;
        long packets = 0;
        for (Path capture : captures) {
            try (PacketSource source = Sources.openFile(capture.toString())) {
                int linkType = source.linkType();
                packets += source.run((epochNanos, wireLength, data, capturedLength) -> {
                    decoder.decode(linkType, data, capturedLength, wireLength, summary);
                    assertNotNull(summary.status, capture.toString());
                    assertEquals(Decoder.supports(linkType), summary.status != Status.UNSUPPORTED, capture.toString());
                    statuses.merge(summary.status, 1L, Long::sum);
                    json.setLength(0);
                    JsonFormatter.append(summary, json);
                    json.setLength(0);
                    text.format(summary, data, json);
                }, 0);
            } catch (CaptureException e) {
                unreadable++; // the reader's one-line refusal of a corrupt file: not ours to decode
            }
        }
        System.out.printf("corpus sweep: %d files (%d refused by the reader), %d packets, %s%n",
                captures.size(), unreadable, packets, statuses);
        assertTrue(captures.size() > 0);
        assertTrue(packets > 0);
    }
}
