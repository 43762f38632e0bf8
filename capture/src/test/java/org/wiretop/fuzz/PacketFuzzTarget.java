package org.wiretop.fuzz;

import org.wiretop.capture.format.LineBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TextOptions;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.AppFixtures;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Jazzer fuzz target over everything that reads untrusted bytes: the decoder (with both
 * formatters on its result), the pcap stream reader and the pcap file reader.
 * The first input byte picks the target; a finding is any throwable other than the one
 * documented failure, {@link CaptureException}, which readers use for corrupt files.
 *
 * <p>Run by {@link FuzzTest} for a bounded time in the test suite, and for as long as you like
 * with {@code scripts/fuzz SECONDS}.
 */
public final class PacketFuzzTarget {
    /** Link types the fuzzer feeds the decoder; index = second input byte modulo length. */
    static final int[] LINK_TYPES = {
            Decoder.DLT_EN10MB, Decoder.DLT_LINUX_SLL, Decoder.DLT_LINUX_SLL2, Decoder.DLT_RAW,
            Decoder.DLT_IPV4, Decoder.DLT_IPV6, Decoder.DLT_NULL, Decoder.DLT_LOOP, Decoder.DLT_RAW_BSD, 9999
    };
    static final byte TARGET_DECODER = 0, TARGET_STREAM = 1, TARGET_FILE = 2;

    /** With the fixtures' decode-as, so protocols chosen only that way (text) are fuzzed too. */
    private static final Decoder DECODER = new Decoder(AppFixtures.DECODE_AS);
    private static final PacketSummary SUMMARY = new PacketSummary();
    /** Relative sequence numbers: the conversation table sees every fuzzed segment too. */
    private static final TextFormatter TEXT = new TextFormatter(TimestampStyle.localTime(false), true);
    /** tcpdump's -e -vvv -XX and --payload: link headers, checksums, options, quotes, dumps. */
    private static final TextFormatter VERBOSE = new TextFormatter(null, false, TextOptions.of(3, true, 0, 0, 2, false));
    private static final TextFormatter PAYLOAD = new TextFormatter(null, false, TextOptions.of(1, false, 1, 0, 0, true));
    private static final LineBuilder LINE = new LineBuilder();
    /** The conversation analysis and the transactions (dns.time, http.time) over every fuzzed packet, in order. */
    private static final org.wiretop.conv.ConversationAnalyzer ANALYZER = new org.wiretop.conv.ConversationAnalyzer();
    private static final LineBuilder TXN_LINE = new LineBuilder();
    private static final org.wiretop.txn.Transactions TRANSACTIONS = new org.wiretop.txn.Transactions(1024, 256, (t, r) -> {
        TXN_LINE.setLength(0);
        org.wiretop.txn.TransactionLine.append(t, r, TimestampStyle.epoch(false), TXN_LINE);
    });
    private static Path scratch;

    private PacketFuzzTarget() {
    }

    public static void fuzzerTestOneInput(byte[] input) throws IOException {
        if (input.length < 2) {
            return;
        }
        switch (Math.floorMod(input[0], 3)) {
            case TARGET_DECODER -> {
                int linkType = LINK_TYPES[Math.floorMod(input[1], LINK_TYPES.length)];
                byte[] packet = java.util.Arrays.copyOfRange(input, 2, input.length);
                decodeAndFormat(linkType, packet, packet.length, packet.length + (input[1] & 0x0f));
            }
            case TARGET_STREAM -> read(() -> Sources.openStream("fuzz",
                    new ByteArrayInputStream(input, 1, input.length - 1)));
            default -> {
                if (scratch == null) {
                    scratch = Files.createTempFile("wiretop-fuzz", ".pcap");
                    scratch.toFile().deleteOnExit();
                }
                Files.write(scratch, java.util.Arrays.copyOfRange(input, 1, input.length));
                // Only classic pcap: pcapng goes to libpcap, native code that is not ours to fuzz.
                if (input.length >= 5 && isClassicMagic(input)) {
                    read(() -> Sources.openFile(scratch.toString()));
                }
            }
        }
    }

    static void decodeAndFormat(int linkType, byte[] data, int capturedLength, int wireLength) {
        DECODER.decode(linkType, data, capturedLength, wireLength, SUMMARY);
        ANALYZER.analyze(SUMMARY);
        TRANSACTIONS.analyze(SUMMARY);
        org.wiretop.txn.HttpFramerFuzz.segment(data, 0, Math.min(capturedLength, data.length)); // the bytes as an HTTP stream's next segment
        LINE.setLength(0);
        JsonFormatter.append(SUMMARY, LINE);
        LINE.setLength(0);
        TEXT.format(SUMMARY, data, LINE);
        LINE.setLength(0);
        VERBOSE.format(SUMMARY, data, LINE);
        LINE.setLength(0);
        PAYLOAD.format(SUMMARY, data, LINE);
    }

    private interface Opener {
        PacketSource open() throws CaptureException;
    }

    private static void read(Opener opener) {
        try (PacketSource source = opener.open()) {
            int linkType = source.linkType();
            source.run((nanos, wireLength, data, capLength) -> decodeAndFormat(linkType, data, capLength, wireLength), 10_000);
        } catch (CaptureException expected) {
            // a corrupt file is reported, not a finding
        }
    }

    private static boolean isClassicMagic(byte[] in) {
        int m = ((in[1] & 0xff) << 24) | ((in[2] & 0xff) << 16) | ((in[3] & 0xff) << 8) | (in[4] & 0xff);
        return m == 0xa1b2c3d4 || m == 0xd4c3b2a1 || m == 0xa1b23c4d || m == 0x4d3cb2a1;
    }
}
