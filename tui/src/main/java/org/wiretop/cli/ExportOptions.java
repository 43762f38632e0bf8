package org.wiretop.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.wiretop.monitor.export.IpfixExporter;
import picocli.CommandLine.Option;

/**
 * Flow export options shared by {@code capture} and {@code read} (design §10): IPFIX to a
 * collector, a JSON flow log, and the timeouts both follow. Exporting flows turns per-packet lines
 * off, as {@code -w} does (tcpdump's statistics still go to stderr).
 */
public final class ExportOptions {
    @Option(names = "--ipfix", paramLabel = "HOST:PORT",
            description = "Export flow records as IPFIX (RFC 7011) over UDP to a collector: nfcapd, pmacct's nfacctd, "
                    + "Filebeat's netflow input... (port 4739 if none given).")
    String ipfix;

    @Option(names = "--ipfix-biflow",
            description = "One RFC 5103 bidirectional record per conversation (the opener as source, the reply in the "
                    + "reverse elements) instead of one record per direction.")
    boolean biflow;

    @Option(names = "--ipfix-ext",
            description = "Add nProbe's elements (PEN 35632): owning process pid and name of each end, handshake "
                    + "latency, retransmissions.")
    boolean extensions;

    @Option(names = "--ipfix-domain", paramLabel = "ID", description = "IPFIX observation domain id (default 1).")
    long domain = 1;

    @Option(names = "--ipfix-templates", paramLabel = "SECONDS",
            description = "Send the IPFIX templates again every SECONDS (default 60), so a collector that starts "
                    + "later decodes the records.")
    int templateSeconds = 60;

    @Option(names = "--flows-json", paramLabel = "FILE|-",
            description = "Write one JSON object per flow record as it is exported (keys in docs/json.md), for "
                    + "Filebeat, Vector or Fluent Bit; - = standard output.")
    String flowsJson;

    @Option(names = "--active-timeout", paramLabel = "SECONDS",
            description = "Export a record of a flow still running every SECONDS (default 60).")
    int activeSeconds = 60;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Export a flow's record once it has been quiet for SECONDS (default 15).")
    int idleSeconds = 15;

    private InetSocketAddress collector;

    /** Whether any flow export was asked for. */
    boolean active() {
        return ipfix != null || flowsJson != null;
    }

    /** Whether the records carry processes (IPFIX extensions, the JSON flow log). */
    boolean namesProcesses() {
        return active() && (extensions || flowsJson != null);
    }

    /** Checks the options (a usage error says what to fix) and resolves the collector. */
    void validate(String writePath) {
        if (ipfix == null && (biflow || extensions)) {
            throw UserError.usage((biflow ? "--ipfix-biflow" : "--ipfix-ext") + " needs --ipfix HOST:PORT");
        }
        if (activeSeconds < 1 || idleSeconds < 1 || templateSeconds < 1) {
            throw UserError.usage("--active-timeout, --idle-timeout and --ipfix-templates take a number of seconds, 1 or more");
        }
        if (domain < 0 || domain > 0xFFFF_FFFFL) {
            throw UserError.usage("--ipfix-domain takes an id from 0 to 4294967295");
        }
        if ("-".equals(flowsJson) && "-".equals(writePath)) {
            throw UserError.usage("--flows-json - and -w - both want standard output: write one of them to a file");
        }
        if (ipfix != null) {
            try {
                collector = IpfixExporter.parseCollector(ipfix);
            } catch (IllegalArgumentException e) {
                throw UserError.usage(e.getMessage());
            }
        }
    }

    /** The collector resolved by {@link #validate}, or null. */
    InetSocketAddress collector() {
        return collector;
    }

    IpfixExporter.Options ipfixOptions() {
        return new IpfixExporter.Options(biflow, extensions, (int) domain, Duration.ofSeconds(templateSeconds));
    }

    Duration activeTimeout() {
        return Duration.ofSeconds(activeSeconds);
    }

    Duration idleTimeout() {
        return Duration.ofSeconds(idleSeconds);
    }
}
