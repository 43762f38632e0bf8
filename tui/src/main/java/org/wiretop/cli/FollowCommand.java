package org.wiretop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wiretop.capture.LiveOptions;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.conv.ConversationLimits;
import org.wiretop.sys.Capabilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wiretop follow FILE|- [--stream N] [--udp] [--format ascii|hex|raw] [--side both|client|server]}
 * and {@code wiretop follow -i IF [filter words] [--stream N]} (design §8): one conversation's
 * reassembled bytes, as tshark's {@code -z follow} shows them, from a file, a pipe or live.
 */
@Command(name = "follow", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show one TCP or UDP conversation's bytes, reassembled in order, as tshark -q -z follow,tcp,ascii,N:"
                + " from a pcap/pcapng file, '-' (a pipe), or live with -i.",
                "Streams are numbered as tshark's tcp.stream / udp.stream (see 'read --format json'). Live, the"
                + " N-th stream seen is followed (default: the first) until it ends, -c packets or Ctrl-C.",
                "Trailing words are a capture filter in tcpdump syntax."})
public final class FollowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|- [FILTER]", description = "Capture file (- = standard input), then a capture filter;"
            + " with -i only the filter.")
    List<String> words = new ArrayList<>();

    @Option(names = "--stream", paramLabel = "N", description = "The stream to follow (tcp.stream or, with --udp, udp.stream; default 0).")
    long stream;

    @Option(names = "--udp", description = "Follow a UDP stream instead of a TCP one.")
    boolean udp;

    @Option(names = "--format", paramLabel = "ascii|hex|raw", description = "ascii (default) and hex as tshark prints them;"
            + " raw: the bytes themselves, nothing else.")
    FollowOutput.Format format = FollowOutput.Format.ascii;

    @Option(names = "--side", paramLabel = "both|client|server", description = "Both directions (default), or the bytes"
            + " the client (the side that sent the first packet) or the server sent.")
    FollowOutput.Side side = FollowOutput.Side.both;

    @Option(names = "-i", paramLabel = "IF", description = "Follow live on this interface instead of reading a file.")
    String device;

    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT packets of the followed stream.")
    long count;

    @Option(names = "--held-mb", paramLabel = "MIB", description = "Most out-of-order bytes held a direction, in MiB (default 16).")
    int heldMib = ConversationLimits.DEFAULT.streamHeldBytes() >> 20;

    @Override
    public Integer call() throws Exception {
        if (stream < 0 || count < 0) {
            throw UserError.usage("--stream and -c take a number 0 or more");
        }
        if (heldMib < 1 || heldMib > 1024) {
            throw UserError.usage("--held-mb takes a size in MiB between 1 and 1024");
        }
        FollowRun.Settings settings = new FollowRun.Settings(stream, udp, format, side, count, heldMib << 20);
        if (device != null) {
            String rights = Capabilities.captureRightsProblem();
            if (rights != null) {
                throw UserError.runtime(rights);
            }
            LiveOptions options = new LiveOptions(device, String.join(" ", words).strip(), LiveOptions.DEFAULT_SNAPLEN,
                    true, true, LiveOptions.DEFAULT_BUFFER_BYTES, LiveOptions.DEFAULT_TIMEOUT_MILLIS);
            try (PacketSource source = Sources.openLive(options)) {
                return new FollowRun(source, true, "", settings).execute();
            }
        }
        if (words.isEmpty()) {
            throw UserError.usage("give a capture file (or - for standard input), or -i IF to follow live");
        }
        try (PacketSource source = Sources.openFile(words.get(0))) {
            String filter = String.join(" ", words.subList(1, words.size()));
            return new FollowRun(source, false, filter, settings).execute();
        }
    }
}
