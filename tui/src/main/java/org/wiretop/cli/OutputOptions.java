package org.wiretop.cli;

import java.util.ArrayList;
import java.util.List;
import org.wiretop.capture.format.TextOptions;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.DecodeAs;
import picocli.CommandLine.Option;

/**
 * Output options shared by {@code capture} and {@code read}, with tcpdump's letters where the
 * meaning is the same ({@code -c -q -n -tt -S -v -e -A -x -X}) plus {@code --format},
 * {@code --payload}, {@code --flows} and {@code --nano}.
 */
public final class OutputOptions {
    /** One line a packet: tcpdump's text, or one JSON object (design §5); or the payload bytes alone. */
    public enum Format { text, json, payload }

    @Option(names = "--format", paramLabel = "text|json|payload", description = "Output: text (tcpdump style, default),"
            + " json (one object a line), or payload (each packet's TCP/UDP payload bytes, back to back, nothing else).")
    Format format = Format.text;

    @Option(names = "-v", description = "Verbose, as tcpdump: IP ttl/id/length, checksums, more protocol detail (-vv, -vvv: more);"
            + " also each packet's pcapng comments (the process that sent it) on a line under it.")
    boolean[] verbose = new boolean[0];

    @Option(names = "-e", description = "Print the link-level header first (MAC addresses, EtherType, VLAN tags), as tcpdump.")
    boolean linkHeader;

    @Option(names = "-A", description = "Print each packet (minus its link-level header) in ASCII after its line, as tcpdump.")
    boolean[] ascii = new boolean[0];

    @Option(names = "-x", description = "Print each packet (minus its link-level header) in hex after its line; -xx: with it.")
    boolean[] hex = new boolean[0];

    @Option(names = "-X", description = "Print each packet (minus its link-level header) in hex and ASCII after its line; -XX: with it.")
    boolean[] hexAscii = new boolean[0];

    @Option(names = "--payload", description = "The dump (-A, -x or -X; -X if none is given) shows only the payload:"
            + " the bytes after the TCP/UDP header (nothing for other packets).")
    boolean payloadOnly;

    @Option(names = "--expert", description = "After tcpdump's line, the TCP expert flags tshark's analysis finds"
            + " ([retransmission], [dup ack #1], [zero window], ...); without it the text is tcpdump's alone."
            + " JSON always has them (tcp.analysis.*).")
    boolean expert;

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

    @Option(names = "--stats", description = "At the end, the protocol hierarchy, IPv4 endpoints and IPv4 conversations,"
            + " as tshark -q -z io,phs -z endpoints,ip -z conv,ip prints them (after the packet lines, or alone with -q).")
    boolean stats;

    @Option(names = "--transactions", description = "Instead of packet lines, one line a transaction (DNS query and"
            + " response, HTTP/1.x request and response: client, server, request, status, latency as tshark's dns.time /"
            + " http.time, sizes), and at the end the count, errors and latency p50/p90/p99/max per server and per request.")
    boolean transactions;

    @Option(names = "--nano", description = "Timestamps with nanoseconds instead of microseconds.")
    boolean nano;


    @Option(names = "--decode-as", paramLabel = "PORT=PROTO", description = "Dissect TCP/UDP port PORT as PROTO"
            + " (dns http tls quic dhcp ntp ssh resp), before well-known ports and heuristics (tcpdump -T, tshark -d)."
            + " Repeat it or give several comma-separated.")
    List<String> decodeAs = new ArrayList<>();

    /** Whether -v was given (any number of times). */
    boolean verbose() {
        return verbose.length > 0;
    }

    /** How many times -v was given (tcpdump's verbosity level). */
    int verbosity() {
        return verbose.length;
    }

    /** The timestamp style the flags ask for, or null for none ({@code -t}). */
    TimestampStyle timestampStyle() {
        if (timeFlags.length == 1) {
            return null;
        }
        return timeFlags.length >= 2 ? TimestampStyle.epoch(nano) : TimestampStyle.localTime(nano);
    }

    /** tcpdump's text flags; a usage error when they are given with another format. */
    TextOptions textOptions() {
        boolean dump = ascii.length + hex.length + hexAscii.length > 0;
        if (format == Format.json && (dump || linkHeader || verbose.length > 0 || payloadOnly)) {
            throw UserError.usage("-v, -e, -A, -x, -X and --payload shape the text output: drop them or --format json");
        }
        if (format == Format.payload && (dump || linkHeader || verbose.length > 0)) {
            throw UserError.usage("--format payload prints the payload bytes alone: drop -v, -e, -A, -x and -X");
        }
        if (transactions && (format != Format.text || expert || dump || linkHeader || verbose.length > 0)) {
            throw UserError.usage("--transactions prints one line a transaction: drop --format, --expert, -v, -e, -A, -x and -X");
        }
        if (format != Format.text && expert) {
            throw UserError.usage("--expert adds the flags to the text lines: JSON has them already (tcp.analysis.*)");
        }
        return TextOptions.of(verbose.length, linkHeader, ascii.length, hex.length, hexAscii.length, payloadOnly)
                .withExpert(expert);
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
