package org.wiretop.capture.format;

import static org.wiretop.decode.PacketSummary.ARP;
import static org.wiretop.decode.PacketSummary.IP4;
import static org.wiretop.decode.PacketSummary.IP6;
import static org.wiretop.decode.PacketSummary.SLL;

import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * One line a packet in tcpdump's words, as {@code tcpdump -nn} prints it (or {@code -nn -S}):
 * <pre>12:00:00.000001 IP 10.0.0.1.443 &gt; 10.0.0.2.51000: Flags [S.], seq 1, ack 2, win 65535, options [mss 1460], length 0</pre>
 * with {@code UDP, length N}, {@code ICMP echo request, id 1, seq 2, length 64},
 * {@code ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28}, {@code IP6 ...}, and
 * {@code [|tcp]} where the capture ends inside a header.
 *
 * <p>Sequence numbers are relative per conversation as tcpdump's default ({@link RelativeSeq}),
 * or absolute as with {@code -S}. Application protocols print as tcpdump prints them where it
 * does (its ports, or {@code --decode-as} for what its {@code -T} knows); where tcpdump prints
 * none (TLS, QUIC, a protocol found by heuristics or on another port) its line is kept and ours
 * follows it after {@code ": "}. tcpdump's {@link TextOptions}: {@code -e} puts the link-level
 * header first ({@link LinkHeaderText}), {@code -v} adds the IP header's fields
 * ({@link IpVerboseText}) and the checksums ({@link TransportVerboseText}), and {@code -A},
 * {@code -x}, {@code -X} dump the bytes after the line ({@link PacketDumpText}). Deliberate differences
 * from tcpdump: names are never resolved (as with {@code -nn}); a header with an impossible value
 * ends the line with {@code [reason]} in the decoder's words; when a conversation analyzer ran,
 * TCP's expert flags follow tcpdump's whole text ({@code [retransmission]}, {@code [dup ack #1]},
 * see {@link AnalysisText}).
 *
 * <p>Appends bytes to a caller's reused {@link LineBuilder}; allocates nothing per packet on
 * the common paths. Not thread-safe (the timestamp cache, the conversations): one instance per
 * output, fed the packets in order.
 */
public final class TextFormatter {
    private final TimestampStyle time;
    private final TextOptions options;
    /** tcpdump's -v count, for the application printers. */
    private final int verbose;
    private final AppText app = new AppText();
    private final LinkText link = new LinkText();
    private final TcpText tcp;
    /** The packet an ICMP error quotes (-v), printed by a nested formatter. */
    private final QuotedPacketText quote;
    /** Set when this packet's line ended as tcpdump's does when a printer runs out of bytes
     *  (its longjmp): the dump then starts at the first byte, link header included. */
    private boolean cut;

    /**
     * @param time     how lines start; null for no timestamp at all (tcpdump's {@code -t})
     * @param relative sequence numbers relative to each conversation's first (tcpdump's
     *                 default), or false for the absolute ones ({@code -S})
     */
    public TextFormatter(TimestampStyle time, boolean relative) {
        this(time, relative, TextOptions.DEFAULT);
    }

    /** As above, with tcpdump's {@code -v} count ({@code -vv} = 2) for the protocols that use it. */
    public TextFormatter(TimestampStyle time, boolean relative, int verbose) {
        this(time, relative, new TextOptions(verbose, false, TextOptions.Dump.NONE, false, false, false));
    }

    /** As above, with tcpdump's {@code -v}, {@code -e} and dump flags. */
    public TextFormatter(TimestampStyle time, boolean relative, TextOptions options) {
        this(time, relative, options, 0);
    }

    /** @param depth how deep in ICMP quotes this formatter prints (0 = the packet itself) */
    TextFormatter(TimestampStyle time, boolean relative, TextOptions options, int depth) {
        this.time = time;
        this.options = options;
        this.tcp = new TcpText(relative ? new RelativeSeq() : null, options.verbose(), app);
        this.verbose = options.verbose();
        this.quote = options.verbose() > 0 ? new QuotedPacketText(options, depth) : null;
    }

    /** Absolute sequence numbers ({@code tcpdump -S}): for packets formatted out of order. */
    public TextFormatter(TimestampStyle time) {
        this(time, false);
    }

    /** Local time with microseconds and absolute sequence numbers. */
    public TextFormatter() {
        this(TimestampStyle.localTime(false));
    }

    /** The text flags this formatter prints with. */
    public TextOptions options() {
        return options;
    }

    /**
     * Appends the line for one decoded packet, without a line break (a dump asked for with
     * {@code -x}/{@code -X}/{@code -A} follows it on lines of its own).
     *
     * @param s    the decoder's summary of the packet
     * @param data the captured bytes ({@code data[0, s.capturedLength)}), for details the summary
     *             does not hold (TCP options in order, the datagram quoted by an ICMP error)
     */
    public void format(PacketSummary s, byte[] data, LineBuilder out) {
        if (time != null) {
            time.append(out, s.epochNanos);
            out.append(' ');
        }
        int end = Math.min(s.capturedLength, data.length);
        if (s.has(SLL) && s.ifIndex >= 0) {
            link.appendSll2Prefix(out, s);
        }
        boolean header = options.linkHeader() && LinkHeaderText.append(out, s, data, end);
        cut = false;
        if (s.has(IP4)) { // (formatNetwork's dispatch, spelt out here: one call level less on the hot path)
            appendIp4(out, s, data, end);
        } else if (s.has(IP6)) {
            appendIp6(out, s, data, end);
        } else {
            formatNetwork(s, data, end, header, out);
        }
        if (options.expert()) {
            AnalysisText.append(s, out); // the expert flags, after tcpdump's whole text
        }
        if (options.dump() != TextOptions.Dump.NONE) {
            PacketDumpText.append(out, options, s, data, end, cut);
        }
    }

    /**
     * The line from the network layer on (also for the packet an ICMP error quotes); false when
     * it ended as tcpdump's does when a printer runs out of bytes (its longjmp).
     *
     * @param linkHeader true when {@code -e}'s header was printed (it named the link's addresses and type)
     */
    boolean formatNetwork(PacketSummary s, byte[] data, int end, boolean linkHeader, LineBuilder out) {
        cut = false;
        if (s.has(ARP)) {
            cut = !ArpText.append(out, s, data, end, options);
        } else if (s.has(IP4)) {
            appendIp4(out, s, data, end);
        } else if (s.has(IP6)) {
            appendIp6(out, s, data, end);
        } else {
            LinkText.appendLinkOnly(out, s, data, end, linkHeader, options);
        }
        return !cut;
    }

    /** True when the packet carries TCP or UDP payload bytes (what --payload shows). */
    public static boolean hasPayload(PacketSummary s) {
        return (s.layers & (PacketSummary.TCP | PacketSummary.UDP)) != 0 && s.payloadOffset >= 0 && s.payloadLength > 0;
    }

    // ---- IPv4 / IPv6 ----

    private void appendIp4(LineBuilder out, PacketSummary s, byte[] d, int end) {
        if (!options.linkHeader()) {
            out.append("IP ");
        }
        if (s.status == Status.TRUNCATED && s.transportProtocol < 0 && !s.laterFragment) {
            out.append(' '); // tcpdump: "IP  [|ip]" for a header cut short
            StatusText.appendTruncated(out, s);
            return;
        }
        if ((s.ipHasAddrs & 3) != 3) {
            StatusText.appendSuffix(out, s);
            return;
        }
        int n = s.networkOffset;
        if (n >= 0 && n + 4 <= end && d[n + 2] == 0 && d[n + 3] == 0) {
            out.append("bad-len 0"); // a total length of 0 (TSO): the decoder goes on, as Wireshark; tcpdump stops
            return;
        }
        if (verbose > 0 || s.ipTotalLength > s.wireLength - s.networkOffset) {
            if (!appendIp4Notes(out, s, d, end)) {
                return;
            }
        }
        if (s.laterFragment) {
            appendAddresses(out, s, false).append(": ip-proto-").append(s.ipProto);
            StatusText.appendSuffix(out, s);
            return;
        }
        if (s.transportProtocol < 0) {
            appendAddresses(out, s, false).append(':');
            StatusText.appendSuffix(out, s);
            return;
        }
        appendTransport(out, s, s.transportProtocol, s.ipTotalLength - s.ipHeaderLength, d, end, false);
    }

    private void appendIp6(LineBuilder out, PacketSummary s, byte[] d, int end) {
        if (!options.linkHeader()) {
            out.append("IP6 ");
        }
        if (s.status == Status.TRUNCATED && s.transportProtocol < 0 && !s.laterFragment) {
            out.append(' ');
            StatusText.appendTruncated(out, s);
            return;
        }
        if ((s.ipHasAddrs & 3) != 3) {
            StatusText.appendSuffix(out, s);
            return;
        }
        if (verbose > 0 || s.ip6PayloadLength + 40 > s.wireLength - s.networkOffset) {
            appendIp6Notes(out, s, d);
        }
        int upper = s.transportOffset >= 0 ? s.transportOffset : s.payloadOffset;
        // What follows the extension headers; for a later fragment, assume the fragment header
        // comes straight after the fixed header (the usual case; its offset is not recorded).
        int payload = upper >= 0 ? s.ip6PayloadLength - (upper - s.networkOffset - 40)
                : s.ip6PayloadLength - (s.ip6Fragment ? 8 : 0);
        if (s.ip6Fragment && !appendIp6Fragment(out, s, payload)) {
            return;
        }
        if (s.transportProtocol < 0) {
            appendAddresses(out, s, true).append(':');
            StatusText.appendSuffix(out, s);
            return;
        }
        appendTransport(out, s, s.transportProtocol, payload, d, end, true);
    }

    // (kept out of the methods above, so that their hot paths stay small enough for the JIT to inline)

    /** tcpdump's "truncated-ip - N bytes missing! " and -v's header fields; false when the line ended. */
    private boolean appendIp4Notes(LineBuilder out, PacketSummary s, byte[] d, int end) {
        int missing = s.ipTotalLength - (s.wireLength - s.networkOffset);
        if (missing > 0) {
            out.append("truncated-ip - ").append(missing).append(" bytes missing! "); // longer than the frame
        }
        if (verbose > 0 && s.ipHeaderLength >= 20) {
            int r = IpVerboseText.appendIpv4(out, s, d, end);
            if (r != IpVerboseText.OK) {
                if (r == IpVerboseText.TRUNCATED_OPTION) {
                    appendAddresses(out, s, false).append(": ");
                }
                out.append(" [|ip]");
                cut = r == IpVerboseText.CUT;
                return false;
            }
        }
        return true;
    }

    private void appendIp6Notes(LineBuilder out, PacketSummary s, byte[] d) {
        int missing = s.ip6PayloadLength + 40 - (s.wireLength - s.networkOffset);
        if (s.ip6PayloadLength > 0 && missing > 0) {
            out.append("truncated-ip6 - ").append(missing).append(" bytes missing!"); // (sic: no space)
        }
        if (verbose > 0) {
            IpVerboseText.appendIpv6(out, s, d);
        }
    }

    /**
     * tcpdump's "frag (offset|length)", length being what follows the fragment header; with -v
     * the identification first: "frag (0x0000abcd:0|56)". False for a later fragment (line ends).
     */
    private boolean appendIp6Fragment(LineBuilder out, PacketSummary s, int payload) {
        appendAddresses(out, s, true).append(": frag (");
        if (verbose > 0) {
            long id = s.ip6FragId;
            out.append("0x").appendHex2((int) (id >>> 24)).appendHex2((int) (id >>> 16) & 0xff)
                    .appendHex2((int) (id >>> 8) & 0xff).appendHex2((int) id & 0xff).append(':');
        }
        out.append(s.ip6FragOffset * 8).append('|').append(payload).append(')');
        if (s.laterFragment) {
            StatusText.appendSuffix(out, s);
            return false;
        }
        out.append(' ');
        return true;
    }

    private LineBuilder appendAddresses(LineBuilder out, PacketSummary s, boolean v6) {
        appendAddress(out, s, v6, true);
        out.append(" > ");
        appendAddress(out, s, v6, false);
        return out;
    }

    private static void appendAddress(LineBuilder out, PacketSummary s, boolean v6, boolean source) {
        if (v6) {
            if (source) {
                Addresses.appendIpv6(out, s.ip6SrcHi, s.ip6SrcLo);
            } else {
                Addresses.appendIpv6(out, s.ip6DstHi, s.ip6DstLo);
            }
        } else {
            Addresses.appendIpv4(out, source ? s.ip4Src : s.ip4Dst);
        }
    }

    /**
     * Appends "src.port > dst.port: " or, when the ports were not captured, "src > dst: ".
     * After an IPv6 fragment header (whose line already named the hosts) tcpdump prints the
     * ports alone: "frag (0|56) 5000 > 6000: ".
     */
    private void appendEndpoints(LineBuilder out, PacketSummary s, boolean v6) {
        boolean ports = s.srcPort >= 0 && s.dstPort >= 0;
        if (v6 && s.ip6Fragment && ports) {
            out.append(s.srcPort).append(" > ").append(s.dstPort).append(": ");
            return;
        }
        appendAddress(out, s, v6, true);
        if (ports) {
            out.append('.').append(s.srcPort);
        }
        out.append(" > ");
        appendAddress(out, s, v6, false);
        if (ports) {
            out.append('.').append(s.dstPort);
        }
        out.append(": ");
    }

    /** @param payload the IP payload's length (the transport header included) */
    private void appendTransport(LineBuilder out, PacketSummary s, int proto, int payload,
                                 byte[] d, int end, boolean v6) {
        switch (proto) {
            case 6:
                appendEndpoints(out, s, v6);
                cut |= !tcp.append(out, s, d, end, payload, v6);
                return;
            case 17:
                appendEndpoints(out, s, v6);
                appendUdp(out, s, payload, d, end, v6);
                return;
            case 1:
            case 58:
                if (v6 == (proto == 58)) { // ICMP over IPv4, ICMPv6 over IPv6
                    appendAddresses(out, s, v6).append(": ");
                    cut |= !IcmpLineText.append(out, s, payload, d, end, v6, verbose, quote);
                    return;
                }
                break;
            default:
                break;
        }
        appendAddresses(out, s, v6).append(":  ip-proto-").append(proto).append(' ').append(Math.max(payload, 0));
        StatusText.appendSuffix(out, s);
    }

    // ---- UDP (TCP: TcpText, ICMP: IcmpLineText) ----

    /** @param payload the IP payload's length (the UDP header included) */
    private void appendUdp(LineBuilder out, PacketSummary s, int payload, byte[] d, int end, boolean v6) {
        if (s.udpLength < 0 || (s.status == Status.TRUNCATED && "udp".equals(s.reason))) {
            out.append(' ');
            StatusText.appendTruncated(out, s);
            return;
        }
        if (s.udpLength < 8) {
            out.append("truncated-udplength ").append(s.udpLength);
            return;
        }
        if (verbose > 0) {
            TransportVerboseText.appendUdpChecksum(out, s, d, end, Math.min(s.udpLength, payload) - 8, verbose, v6);
        }
        if (s.app != null && s.appNative) {
            cut |= !app.append(out, s, verbose); // what tcpdump prints instead of "UDP, length N"
            return;
        }
        // tcpdump: a datagram longer than its IP packet is "bad length", unless it is a fragment
        boolean badLength = s.udpLength > payload && !s.ipMf && !s.ip6Mf;
        if (badLength) {
            out.append("UDP, bad length ").append(s.udpLength - 8).append(" > ").append(payload - 8);
        } else {
            out.append("UDP, length ").append(s.udpLength - 8);
        }
        if (s.app != null) {
            out.append(": "); // a protocol tcpdump does not print here: our text after its line
            app.append(out, s, verbose); // (tcpdump printed no application: its dump starts as usual)
            return;
        }
        if (!badLength) {
            StatusText.appendSuffix(out, s);
        }
    }
}
