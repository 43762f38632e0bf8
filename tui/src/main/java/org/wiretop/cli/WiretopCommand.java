package org.wiretop.cli;

import org.wiretop.tui.CaptureSpec;
import org.wiretop.tui.DecodeChoices;
import org.wiretop.tui.PacketRing;
import org.wiretop.tui.TuiLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The top-level command; with no subcommand it opens the terminal UI. Its subcommands are added by
 *  {@link Main#commandLine(String...)} (only the one invoked, to start faster). */
@Command(name = "wiretop", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Packet capture and connection monitor for the terminal.")
public final class WiretopCommand implements Runnable {
    @picocli.CommandLine.Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print stack traces and library logs.")
    boolean debug;

    @Option(names = "-i", paramLabel = "IF", description = "Interface the UI captures on (default: any).")
    String iface = "any";

    @Option(names = "-r", paramLabel = "FILE|-", description = "Browse a pcap/pcapng file instead of capturing; "
            + "- follows a pcap stream on standard input live (ssh host wiretop capture -w - | wiretop -r -).")
    String file;

    @Option(names = "--ring-packets", paramLabel = "N", description = "Packets the UI keeps (default: ${DEFAULT-VALUE}).")
    int ringPackets = PacketRing.DEFAULT_PACKETS;

    @Option(names = "--ring-mb", paramLabel = "MIB", description = "Packet bytes the UI keeps, in MiB (default: ${DEFAULT-VALUE}).")
    int ringMib = (int) (PacketRing.DEFAULT_BYTES >> 20);

    @Option(names = "-B", paramLabel = "KIB", description = "Kernel capture buffer in KiB, as tcpdump's -B (default: ${DEFAULT-VALUE}).")
    int bufferKib = org.wiretop.tui.CaptureEngine.DEFAULT_BUFFER_BYTES >> 10;

    @Option(names = "--decode-as", paramLabel = "PORT=PROTO", description = "Dissect TCP/UDP port PORT as PROTO"
            + " in the packet list, detail and display filter, as in capture and read. Repeat it or give several"
            + " comma-separated. The built-in servers started in the UI are dissected as text (http: by its port).")
    List<String> decodeAs = new ArrayList<>();

    @Option(names = "--color", paramLabel = "WHEN", description = "Colours: never, auto (when the terminal has them"
            + " and NO_COLOR is not set) or always (default: ${DEFAULT-VALUE}).")
    String color = "auto";

    @Option(names = "--no-mouse", description = "Leave the mouse to the terminal (no clicks, no wheel in the UI;"
            + " the terminal's own selection works as usual).")
    boolean noMouse;

    @Parameters(paramLabel = "FILTER", arity = "0..*", description = "Capture filter in tcpdump (BPF) syntax.")
    List<String> filterWords = new ArrayList<>();

    @Override
    public void run() {
        if (ringPackets < 1 || ringMib < 1 || ringMib > 2000) {
            throw UserError.usage("--ring-packets must be at least 1 and --ring-mb between 1 and 2000");
        }
        if (bufferKib < 1 || bufferKib > (1 << 21)) {
            throw UserError.usage("-B takes a buffer size in KiB between 1 and 2097152");
        }
        DecodeChoices choices;
        try {
            choices = new DecodeChoices(decodeAs);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
        org.wiretop.tui.ColorMode colorMode;
        try {
            colorMode = org.wiretop.tui.ColorMode.parse(color);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
        if (file != null && !filterWords.isEmpty()) {
            throw UserError.usage("a capture filter applies to live capture, not to -r FILE (use / in the UI for a display filter)");
        }
        boolean stream = "-".equals(file);
        if (file != null && !stream && !java.nio.file.Files.isReadable(java.nio.file.Path.of(file))) {
            throw UserError.usage("cannot read " + file + ": no such file or no permission");
        }
        if (stream && System.console() != null) {
            throw UserError.usage("-r - reads a pcap stream from standard input, which is this terminal: "
                    + "pipe one in, e.g. ssh -n host sudo wiretop capture -w - | wiretop -r -");
        }
        if (stream ? !TuiLauncher.hasTerminal() : System.console() == null) {
            throw UserError.usage("the terminal UI needs a terminal: run it in one, or use 'wiretop capture' for plain output");
        }
        CaptureSpec spec = stream ? CaptureSpec.stream()
                : file != null ? CaptureSpec.file(file) : CaptureSpec.live(iface, String.join(" ", filterWords));
        try {
            TuiLauncher.run(spec, ringPackets, (long) ringMib << 20, bufferKib << 10, choices, colorMode.palette(), !noMouse);
        } catch (IOException e) {
            throw UserError.runtime("cannot use the terminal: " + e.getMessage());
        }
    }
}
