package org.wiretop.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.capture.filter.DisplayFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wiretop read FILE|- [filter words]}: a capture file or a pcap / pcapng stream, one line a packet. */
@Command(name = "read", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a pcap or pcapng file (or - for a pcap or pcapng stream on standard input) and print "
                + "one line a packet, like tcpdump -nn -r.",
                "Trailing words are a capture filter in tcpdump syntax (applied by libpcap)."})
public final class ReadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-", description = "Capture file, or - for standard input.")
    String file;

    @Parameters(index = "1..*", paramLabel = "FILTER", description = "Capture filter (tcpdump syntax), e.g. tcp port 443.")
    List<String> filterWords = List.of();

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "Display filter in Wireshark syntax, e.g. 'tcp.port == 12345 && ip.src == 10.0.0.1'.")
    String displayFilter;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    ExportOptions export = new ExportOptions();

    @Override
    public Integer call() throws Exception {
        DisplayFilter display = DisplayFilter.compile(displayFilter);
        output.count();
        export.validate(null);
        output.textOptions();
        try (PacketSource source = Sources.openFile(file)) {
            return new PacketRun(source, false, String.join(" ", filterWords), display, output, export, null, false, false)
                    .execute();
        }
    }
}
