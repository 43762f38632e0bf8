package org.wiretop.cli;

import java.util.ArrayList;
import java.util.List;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.DecodeAs;
import picocli.CommandLine.Option;

/**
 * Output options shared by {@code capture} and {@code read}, with tcpdump's letters where the
 * meaning is the same ({@code -c -q -n -tt -S -v}) plus {@code --format}, {@code --flows} and {@code --nano}.
 */
public final class OutputOptions {
    /** One line a packet: tcpdump's text, or one JSON object (design §5). */
    public enum Format { text, json }

    @Option(names = "--format", paramLabel = "text|json", description = "Output: text (tcpdump style, default) or json (one object a line).")
    Format format = Format.text;

    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT packets.")
    long count;

    @Option(names = "-q", description = "Quiet: no per-packet output (stats only).")
    boolean quiet;

    @Option(names = "-n", description = "Numeric output (always on: wiretop never resolves names; -nn accepted too).")
    boolean[] numeric = new boolean[0];

    @Option(names = "-S", description = "Absolute TCP sequence numbers (default: relative to each conversation's first, as tcpdump).")
    boolean absoluteSeq;

    @Option(names = "-t", description = "-t: no timestamp; -tt: seconds since the epoch (as tcpdump).")
    boolean[] timeFlags = new boolean[0];

    @Option(names = "--flows", description = "At the end, a per-conversation table (as tshark -z conv,tcp) with state, handshake RTT and process.")
    boolean flows;

    @Option(names = "--nano", description = "Timestamps with nanoseconds instead of microseconds.")
    boolean nano;

    @Option(names = "-v", description = "Verbose, as tcpdump's -v (-vv, -vvv for more); also each packet's pcapng comments (the process that sent it) on a line under it.")
    boolean[] verbosity = new boolean[0];

    @Option(names = "--decode-as", paramLabel = "PORT=PROTO", description = "Dissect TCP/UDP port PORT as PROTO"
            + " (dns http tls quic dhcp ntp ssh resp), before well-known ports and heuristics (tcpdump -T, tshark -d)."
            + " Repeat it or give several comma-separated.")
    List<String> decodeAs = new ArrayList<>();

    /** Whether -v was given (any number of times). */
    boolean verbose() {
        return verbosity.length > 0;
    }

    /** How many times -v was given (tcpdump's verbosity level). */
    int verbosity() {
        return verbosity.length;
    }

    /** The timestamp style the flags ask for, or null for none ({@code -t}). */
    TimestampStyle timestampStyle() {
        if (timeFlags.length == 1) {
            return null;
        }
        return timeFlags.length >= 2 ? TimestampStyle.epoch(nano) : TimestampStyle.localTime(nano);
    }

    /** The --decode-as choices; a bad one is a usage error naming it. */
    DecodeAs decodeAs() {
        try {
            return DecodeAs.parse(decodeAs);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
    }

    long count() {
        if (count < 0) {
            throw UserError.usage("invalid packet count " + count + ": give a positive number (-c)");
        }
        return count;
    }
}
