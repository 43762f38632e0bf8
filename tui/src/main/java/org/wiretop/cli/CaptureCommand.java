package org.wiretop.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.wiretop.capture.LiveOptions;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.sys.Capabilities;
import org.wiretop.sys.PrivilegeException;
import org.wiretop.sys.Privileges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wiretop capture}: tcpdump's flags with tcpdump's meanings ({@code -i -c -s -p -w -r -B -n
 * --immediate-mode -Z}, filter words after the flags). Prints one line a packet, or writes a pcap
 * with {@code -w}; Ctrl-C / SIGTERM end it with tcpdump's statistics lines on stderr. A live
 * capture first checks for CAP_NET_RAW (one line with the fix when missing), and {@code -Z}
 * drops root right after the handle is open.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture packets like tcpdump: one line a packet, or a pcap file with -w.",
                "Trailing words are a capture filter in tcpdump syntax, e.g. tcp port 12345."})
public final class CaptureCommand implements Callable<Integer> {
    @Option(names = "-i", paramLabel = "IF", description = "Interface to capture on (default: any; see 'wiretop interfaces').")
    String device = "any";

    @Option(names = "-s", paramLabel = "SNAPLEN", description = "Bytes kept of each packet (default 262144; 0 = default).")
    int snaplen = LiveOptions.DEFAULT_SNAPLEN;

    @Option(names = "-p", description = "Do not put the interface in promiscuous mode.")
    boolean noPromiscuous;

    @Option(names = "-B", paramLabel = "KiB", description = "Kernel capture buffer size in KiB (default 32768; 65536 when processes are named: JSON or pcapng).")
    Integer bufferKiB;

    @Option(names = "--immediate-mode", description = "Deliver each packet at once (lower latency, costs speed).")
    boolean immediate;

    @Option(names = "-w", paramLabel = "FILE|-", description = "Write packets to a pcap file (pcapng when the name ends in .pcapng; - = standard output) instead of printing them.")
    String writePath;

    @Option(names = "--pcapng", description = "Write pcapng (as a -w name ending in .pcapng does): each packet with a comment naming its process when known.")
    boolean pcapng;

    @Option(names = "--no-processes", description = "Do not name the processes behind packets (no lookups, no output held back for them).")
    boolean noProcesses;

    @Option(names = "-r", paramLabel = "FILE|-", description = "Read packets from a capture file (- = standard input) instead of an interface.")
    String readPath;

    @Option(names = "-Z", paramLabel = "USER", description = "Drop to USER (and its groups) right after the capture is opened, as tcpdump does; files written belong to USER.")
    String dropUser;

    @Option(names = "--filter", paramLabel = "EXPR", description = "Display filter in Wireshark syntax (applied after decoding).")
    String displayFilter;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    ExportOptions export = new ExportOptions();

    @Parameters(paramLabel = "FILTER", description = "Capture filter (tcpdump syntax).")
    List<String> filterWords = List.of();

    @Override
    public Integer call() throws Exception {
        DisplayFilter display = DisplayFilter.compile(displayFilter);
        output.count();
        export.validate(writePath);
        output.textOptions();
        String filter = String.join(" ", filterWords).strip();
        if (readPath != null) {
            try (PacketSource source = Sources.openFile(readPath)) {
                return new PacketRun(source, false, filter, display, output, export, writePath, pcapng, false).execute();
            }
        }
        if (snaplen < 0) {
            throw UserError.usage("invalid snapshot length " + snaplen + ": give a positive number of bytes (-s)");
        }
        if (bufferKiB != null && (bufferKiB <= 0 || bufferKiB > (Integer.MAX_VALUE >> 10))) {
            throw UserError.usage("invalid buffer size " + bufferKiB + " KiB: give a positive size (-B)");
        }
        // Naming processes needs packets soon after they are captured: a short-lived client must
        // still hold its socket when we ask the kernel about it (docs/architecture.md).
        boolean naming = !noProcesses && PacketRun.namesProcesses(true, output, export, writePath, pcapng);
        int timeout = naming ? LiveOptions.ATTRIBUTION_TIMEOUT_MILLIS : LiveOptions.DEFAULT_TIMEOUT_MILLIS;
        int buffer = bufferKiB != null ? bufferKiB << 10
                : naming ? LiveOptions.ATTRIBUTION_BUFFER_BYTES : LiveOptions.DEFAULT_BUFFER_BYTES;
        LiveOptions options = new LiveOptions(device, filter, snaplen == 0 ? LiveOptions.DEFAULT_SNAPLEN : snaplen,
                !noPromiscuous, immediate, buffer, timeout);
        String rightsProblem = Capabilities.captureRightsProblem();
        if (rightsProblem != null) {
            throw UserError.runtime(rightsProblem);
        }
        try (PacketSource source = Sources.openLive(options)) {
            PacketRun run = new PacketRun(source, true, "", display, output, export, writePath, pcapng, !noProcesses)
                    .liveOptions(options);
            if (dropUser != null) {
                // after the process naming opened its sockets and read the listeners' owners, as
                // root; before -w opens its file, so the file is the user's
                run.whenOpened(() -> dropPrivileges(dropUser));
            }
            return run.execute();
        }
    }

    /** tcpdump's -Z: never go on with root after a failed or unverified drop (the source is closed by the caller). */
    private static void dropPrivileges(String user) {
        try {
            Privileges.dropTo(user);
        } catch (PrivilegeException e) {
            throw e.usage() ? UserError.usage(e.getMessage()) : UserError.runtime(e.getMessage());
        }
    }
}
