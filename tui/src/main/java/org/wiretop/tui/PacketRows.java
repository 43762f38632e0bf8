package org.wiretop.tui;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.AnalysisText;
import org.wiretop.capture.format.AppText;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;
import org.wiretop.tui.model.PacketRow;

/**
 * Turns a held packet into a {@link PacketRow}: decodes it again (the ring keeps only bytes) and
 * takes tcpdump's words from the {@link TextFormatter}. A packet with an application payload is
 * named by its protocol ({@code DNS}) and its Info leads with Wireshark's Info for it, then, over
 * TCP, tcpdump's words for the segment. TCP's expert flags, when the ring's analysis has them, lead
 * the Info ({@code [retransmission] GET / ...}) as Wireshark's do. UI thread only; used just for
 * the rows on screen.
 */
public final class PacketRows {
    /** Between an application's Info and tcpdump's words for its TCP segment. */
    static final String SEGMENT = " | ";

    private final DecodeChoices.Follower decoders;
    private final PacketSummary s = new PacketSummary();
    private final TextFormatter text = new TextFormatter();
    private final AppText app = new AppText();
    private final LineBuilder line = new LineBuilder(256);

    public PacketRows() {
        this(DecodeChoices.none());
    }

    public PacketRows(DecodeChoices choices) {
        this.decoders = choices.follower();
    }

    /** Wireshark's "Bad TCP" colouring rule: any expert flag but a window update or a keep-alive (ACK). */
    static final int PROBLEMS = ~(PacketSummary.TA_WINDOW_UPDATE | PacketSummary.TA_KEEP_ALIVE | PacketSummary.TA_KEEP_ALIVE_ACK);

    public PacketRow row(RawPacket p) {
        return row(p, null);
    }

    /** The row, with the packet's stream and expert flags when {@code analysis} (may be null) has them. */
    public PacketRow row(RawPacket p, RingAnalysis analysis) {
        s.frameNumber = p.frameNumber();
        s.epochNanos = p.epochNanos();
        decoders.decoder().decode(p.linkType(), p.data(), p.data().length, p.wireLength(), s);
        if (analysis != null) {
            analysis.apply(p.seq(), s);
        }
        int flags = s.tcpAnalysis;
        s.tcpAnalysis = 0; // the flags lead the Info (as Wireshark's), not after tcpdump's line
        line.setLength(0);
        text.format(s, p.data(), line);
        s.tcpAnalysis = flags;
        String full = line.toString();
        int sp = full.indexOf(' ');
        String time = sp > 0 ? full.substring(0, sp) : "";
        String info = infoOf(sp > 0 ? full.substring(sp + 1) : full);
        String protocol = protocol(s);
        if (hasApp(s)) {
            protocol = s.app.label();
            info = appInfo(info);
        }
        if (flags != 0) {
            line.setLength(0);
            AnalysisText.append(s, line);
            info = line.toString().substring(1) + " " + info;
        }
        PacketRow.Mark mark = s.status == Status.TRUNCATED ? PacketRow.Mark.TRUNCATED
                : s.status == Status.INVALID ? PacketRow.Mark.INVALID
                : (s.tcpAnalysis & PROBLEMS) != 0 ? PacketRow.Mark.EXPERT : PacketRow.Mark.OK;
        return new PacketRow(p.frameNumber(), time, endpoint(s, true), endpoint(s, false), protocol,
                p.wireLength(), info, mark);
    }

    /** True when the packet carries an application message (not a bare ACK on its port). */
    static boolean hasApp(PacketSummary s) {
        return s.app != null && s.app.length() > 0;
    }

    /** Wireshark's Info for the application, then over TCP tcpdump's words up to "length N". */
    private String appInfo(String tcpdumpWords) {
        line.setLength(0);
        app.appendInfo(line, s);
        String info = line.toString();
        if (!s.has(PacketSummary.TCP)) {
            return info;
        }
        String length = ", length " + s.tcpPayloadLength;
        int at = tcpdumpWords.indexOf(length);
        return info + SEGMENT + (at < 0 ? tcpdumpWords : tcpdumpWords.substring(0, at + length.length()));
    }

    /** The words after "IP a.1 > b.2: " (the addresses have their own columns). */
    static String infoOf(String rest) {
        String r = rest;
        int ip = r.indexOf("IP ");
        int ip6 = r.indexOf("IP6 ");
        int at = ip6 >= 0 && (ip < 0 || ip6 < ip) ? ip6 : ip;
        if (at >= 0 && at < 12) { // after an optional "lo    In  " prefix of the any device
            int colon = r.indexOf(": ", at);
            if (colon > 0) {
                return r.substring(colon + 2);
            }
        }
        return r.strip();
    }

    static String protocol(PacketSummary s) {
        if (s.has(PacketSummary.ARP)) {
            return "ARP";
        }
        if (s.has(PacketSummary.TCP)) {
            return "TCP";
        }
        if (s.has(PacketSummary.UDP)) {
            return "UDP";
        }
        if (s.has(PacketSummary.ICMP)) {
            return "ICMP";
        }
        if (s.has(PacketSummary.ICMP6)) {
            return "ICMPv6";
        }
        if (s.has(PacketSummary.IP6)) {
            return "IPv6";
        }
        if (s.has(PacketSummary.IP4)) {
            return "IPv4";
        }
        if (s.has(PacketSummary.ETH)) {
            return "ETH";
        }
        return s.linkType == -1 ? "?" : "DLT" + s.linkType;
    }

    static String endpoint(PacketSummary s, boolean source) {
        String addr;
        if (s.has(PacketSummary.IP4)) {
            addr = Addresses.ipv4(source ? s.ip4Src : s.ip4Dst);
        } else if (s.has(PacketSummary.IP6)) {
            addr = source ? Addresses.ipv6(s.ip6SrcHi, s.ip6SrcLo) : Addresses.ipv6(s.ip6DstHi, s.ip6DstLo);
        } else if (s.has(PacketSummary.ARP)) {
            return Addresses.ipv4(source ? s.arpSenderIp : s.arpTargetIp);
        } else if (s.has(PacketSummary.ETH)) {
            return Addresses.mac(source ? s.ethSrc : s.ethDst);
        } else {
            return "";
        }
        int port = source ? s.srcPort : s.dstPort;
        if (port >= 0 && (s.has(PacketSummary.TCP) || s.has(PacketSummary.UDP))) {
            return s.has(PacketSummary.IP6) ? "[" + addr + "]:" + port : addr + ":" + port;
        }
        return addr;
    }
}
