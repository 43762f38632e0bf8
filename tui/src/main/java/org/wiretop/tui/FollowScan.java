package org.wiretop.tui;

import java.util.List;
import org.wiretop.capture.format.Addresses;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.conv.Endpoint;
import org.wiretop.conv.HeldBytes;
import org.wiretop.conv.TcpFollow;
import org.wiretop.conv.UdpFollow;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.tui.model.FollowModel;

/**
 * Follows the TCP or UDP stream of one packet held in the ring, as {@code wiretop follow} does a
 * file's: a first pass analyses the ring from its oldest packet to the chosen one, to learn that
 * packet's stream number; a second pass, from the same oldest packet, gives the stream's packets
 * to a {@link TcpFollow} or {@link UdpFollow} whose chunks a {@link FollowLines} keeps, and then
 * goes on with the packets the capture adds (the view is live). Each call decodes at most a
 * budget of packets, so a full ring never stalls a frame; if the ring overwrote packets between
 * the passes (numbers would no longer match) the scan starts over. UI thread only.
 */
public final class FollowScan {
    /** Most packets decoded per frame. */
    static final int BUDGET = 100_000;
    /** Out-of-order bytes a direction may hold while a gap waits to fill. */
    private static final int HELD_BYTES = 8 << 20;

    private final PacketRing ring;
    private final long target;
    private final Decoder decoder = new Decoder();
    private final PacketSummary s = new PacketSummary();
    private final PacketRing.Scratch scratch = new PacketRing.Scratch();
    private ConversationAnalyzer analyzer;
    private long start, next;
    private boolean following, udp;
    private long stream = -1;
    private String problem = "";
    private FollowLines lines;
    private TcpFollow tcp;
    private UdpFollow udpFollow;

    /** @param target the ring sequence number of the packet whose stream is followed */
    public FollowScan(PacketRing ring, long target) {
        this.ring = ring;
        this.target = target;
        restart();
    }

    public PacketRing ring() {
        return ring;
    }

    public long target() {
        return target;
    }

    public FollowLines lines() {
        return lines;
    }

    /** The followed stream's number among the packets the ring held, or -1 before it is known. */
    public long stream() {
        return stream;
    }

    private void restart() {
        analyzer = new ConversationAnalyzer();
        start = ring.first();
        next = start;
        following = false;
        stream = -1;
        lines = new FollowLines();
        tcp = null;
        udpFollow = null;
        if (target < start) {
            problem = "the packet is no longer held in the ring";
        }
    }

    /** Decodes up to {@code budget} more packets; true when it has caught up with the ring. */
    public boolean advance(int budget) {
        long end = ring.end();
        for (int n = 0; n < budget && problem.isEmpty() && next < end; n++, next++) {
            if (!ring.readInto(next, scratch)) {
                if (next <= target) {
                    restart(); // overwritten under us: the numbers of the two passes would differ
                    return false;
                }
                continue; // a packet after the target went before we read it
            }
            PacketSummary p = s;
            p.frameNumber = next + 1;
            p.epochNanos = scratch.epochNanos;
            decoder.decode(ring.linkType(), scratch.data, scratch.length, scratch.wireLength, p);
            analyzer.analyze(p);
            if (!following) {
                if (next == target) {
                    learn(p);
                }
            } else if (next == target && stream != (udp ? p.udpStream : p.tcpStream)) {
                restart();
                return false;
            } else {
                feed(p);
            }
        }
        return next >= end || !problem.isEmpty();
    }

    /** The first pass reached the chosen packet: its stream, then the second pass from the start. */
    private void learn(PacketSummary p) {
        udp = p.tcpStream < 0 && p.udpStream >= 0;
        stream = udp ? p.udpStream : p.tcpStream;
        if (stream < 0) {
            problem = "this packet is neither TCP nor UDP: there is no stream to follow";
            return;
        }
        analyzer = new ConversationAnalyzer();
        following = true;
        next = start - 1; // the loop's next++ makes it start
    }

    private void feed(PacketSummary p) {
        if (udp) {
            if (p.udpStream == stream && UdpFollow.follows(p)) {
                if (udpFollow == null) {
                    udpFollow = new UdpFollow(lines);
                }
                udpFollow.datagram(p, scratch.data);
            }
        } else if (p.tcpStream == stream && p.has(PacketSummary.TCP) && TcpFollow.follows(p)) {
            if (tcp == null) {
                tcp = new TcpFollow(lines, HELD_BYTES, new HeldBytes(2L * HELD_BYTES));
            }
            tcp.segment(p, scratch.data);
        }
    }

    /** The view's model: the window of {@code rows} lines from {@code top}, laid out for {@code width}. */
    public FollowModel model(boolean hex, long top, int rows, int width) {
        if (!problem.isEmpty()) {
            return new FollowModel(problem, 0, 0, "", List.of(), 0, 0, hex);
        }
        List<FollowModel.Line> all = lines.lines(hex, width);
        long from = Math.max(0, Math.min(top, all.size()));
        List<FollowModel.Line> window = List.copyOf(all.subList((int) from, (int) Math.min(all.size(), from + rows)));
        return new FollowModel(title(), lines.sent(false), lines.sent(true), note(), window, from, all.size(), hex);
    }

    private String title() {
        String proto = udp ? "UDP" : "TCP";
        if (stream < 0) {
            return proto + " stream (reading the ring...)";
        }
        Endpoint client = udp ? (udpFollow == null ? null : udpFollow.client()) : (tcp == null ? null : tcp.client());
        Endpoint server = udp ? (udpFollow == null ? null : udpFollow.server()) : (tcp == null ? null : tcp.server());
        String ends = client == null ? "" : "  " + text(client) + " > " + text(server);
        return proto + " stream " + stream + ends;
    }

    private String note() {
        StringBuilder b = new StringBuilder();
        if (tcp != null && tcp.heldBytes() > 0) {
            b.append(tcp.heldBytes()).append(" bytes wait for a gap to fill");
        }
        if (tcp != null && (tcp.forcedGaps() > 0 || tcp.droppedBytes() > 0)) {
            b.append(b.length() > 0 ? "; " : "").append("memory bound: ").append(tcp.forcedGaps()).append(" gaps reported early, ")
                    .append(tcp.droppedBytes()).append(" bytes dropped");
        }
        if (lines.notKept() > 0) {
            b.append(b.length() > 0 ? "; " : "").append(lines.notKept()).append(" bytes past the view's 16 MiB not shown");
        }
        return b.toString();
    }

    private static String text(Endpoint e) {
        if (e == null) {
            return "?";
        }
        return e.v6() ? "[" + Addresses.ipv6(e.hi(), e.lo()) + "]:" + e.port() : Addresses.ipv4((int) e.lo()) + ":" + e.port();
    }
}
