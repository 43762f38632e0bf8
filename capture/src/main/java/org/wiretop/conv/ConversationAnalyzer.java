package org.wiretop.conv;

import static org.wiretop.decode.PacketSummary.*;

import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * The per-packet conversation analysis of design §8, run right after
 * {@link org.wiretop.decode.Decoder#decode} on every packet, in capture order: it numbers TCP and
 * UDP conversations as tshark's {@code tcp.stream} / {@code udp.stream} (a TCP 4-tuple reused with
 * another initial sequence number starts a new stream), and gives each TCP segment tshark's
 * expert flags, duplicate-ACK number, ACK RTT and relative sequence numbers. The results go into
 * the summary's {@code tcpStream}, {@code udpStream}, {@code tcpAnalysis}, {@code tcpDupAckNum},
 * {@code tcpAckRttNanos}, {@code tcpRelSeq} and {@code tcpRelAck}, where formatters, display
 * filters and views read them.
 *
 * <p>As tshark with its defaults (IP reassembly on), the first fragment of a fragmented datagram
 * is left alone (tshark looks at the transport only once the datagram is whole), and so is the
 * packet an ICMP error quotes.
 *
 * <p>Bounded ({@link ConversationLimits}); allocates nothing per packet once its tables have
 * grown. Single writer: one analyzer per packet stream, not thread-safe.
 */
public final class ConversationAnalyzer {
    private static final long MASK32 = 0xffffffffL;

    private final UnackedSegments segments;
    private final TcpAnalysis tcp;
    private final Conversations table;
    private final TcpAnalysis.Result result = new TcpAnalysis.Result();
    private final boolean[] created = new boolean[1];
    // the endpoints of the packet at hand, in the table's order
    private long aHi, aLo, bHi, bLo;
    private int ports;
    private byte family;
    private int side;

    public ConversationAnalyzer() {
        this(ConversationLimits.DEFAULT);
    }

    public ConversationAnalyzer(ConversationLimits limits) {
        segments = new UnackedSegments(limits.unackedSegments());
        tcp = new TcpAnalysis(segments);
        table = new Conversations(limits.conversations(), tcp);
    }

    /** Analyses one decoded packet (the next in capture order) and writes the results into it. */
    public void analyze(PacketSummary s) {
        if (s.laterFragment) {
            return;
        }
        if (s.has(TCP) || s.has(UDP)) {
            if (!packetEndpoints(s)) {
                return;
            }
            // A first fragment: tshark defragments a datagram it holds whole and looks at the
            // transport at its last fragment; one cut short it looks at here, as a fragment. Either
            // way no segment length is known, so there is no sequence analysis; the conversation
            // is counted here (where tshark counts it when no other conversation starts between).
            boolean fragment = s.ipMf || s.ip6Mf;
            if (s.has(TCP)) {
                if (s.tcpFlags >= 0) {
                    tcp(s, fragment);
                }
            } else if (s.udpPayloadLength >= 0) {
                s.udpStream = table.stream(find(Conversations.UDP));
            }
        } else if (s.quotedProtocol == 6 || s.quotedProtocol == 17) {
            quoted(s);
        }
    }

    /**
     * The packet an ICMP error quotes belongs to its own conversation, as in tshark (which
     * dissects it and looks its conversation up, creating it when new): {@code udp.stream} once
     * the quoted UDP header is whole, {@code tcp.stream} once TCP's first 16 bytes are there.
     * No sequence analysis (tshark has none for a quoted segment).
     */
    private void quoted(PacketSummary s) {
        if (!quotedEndpoints(s)) {
            return;
        }
        if (s.quotedProtocol == 17) {
            if (s.quotedTransportCaptured >= 8 && s.quotedUdpLength >= 8) {
                s.udpStream = table.stream(find(Conversations.UDP));
            }
        } else if (s.quotedTcpFlags >= 0) {
            int id = find(Conversations.TCP);
            int flags = s.quotedTcpFlags;
            if (!created[0] && (flags & SYN) != 0) {
                beforeAnalysis(id, (int) s.quotedTcpSeq, flags);
            }
            s.tcpStream = table.stream(id);
        }
    }

    /** Conversations held now. */
    public int conversations() {
        return table.size();
    }

    /** Conversations forgotten to stay within the limit (each gets a new number if seen again). */
    public long evicted() {
        return table.evicted();
    }

    /** TCP and UDP streams numbered so far. */
    public int tcpStreams() {
        return table.tcpStreams();
    }

    public int udpStreams() {
        return table.udpStreams();
    }

    /** Segments not remembered for ACK RTTs because the pool was full. */
    public long segmentsDropped() {
        return segments.dropped();
    }

    /** Entries allocated in the conversation table and nodes in the segment pool (memory in use). */
    public int tableCapacity() {
        return table.capacity();
    }

    public int segmentPoolSize() {
        return segments.allocated();
    }

    private int find(byte protocol) {
        return table.findOrCreate((byte) (protocol | family), aHi, aLo, bHi, bLo, ports, created);
    }

    /**
     * tshark's checks of a SYN or SYN-ACK on a known conversation: a SYN with another initial
     * sequence number starts a new stream; a SYN-ACK with another one rebases its direction.
     */
    private int beforeAnalysis(int id, int seq, int flags) {
        int fwd = 2 * id + side;
        if ((flags & ACK) == 0) {
            if (tcp.reusesPorts(fwd, seq)) {
                table.renumber(id); // a new connection on the same ports
                return TA_REUSED_PORTS;
            }
            return 0;
        }
        return tcp.synAck(fwd, seq);
    }

    private void tcp(PacketSummary s, boolean fragment) {
        int seq = (int) s.tcpSeq, ack = (int) s.tcpAck, flags = s.tcpFlags;
        int id = find(Conversations.TCP);
        int ta = !created[0] && (flags & SYN) != 0 ? beforeAnalysis(id, seq, flags) : 0;
        s.tcpStream = table.stream(id);
        int fwd = 2 * id + side;
        int seglen = fragment ? -1 : segmentLength(s);
        if (seglen >= 0) {
            ta = tcp.analyze(id, side, seq, ack, seglen, flags, s.tcpWindow, s.epochNanos, ta, result);
            s.tcpDupAckNum = result.dupAckNum;
            s.tcpAckRttNanos = result.ackRtt;
            s.tcpRelSeq = (seq - tcp.baseSeq(fwd)) & MASK32;
            s.tcpRelAck = (flags & ACK) != 0 ? (ack - tcp.baseSeq(fwd ^ 1)) & MASK32 : ack & MASK32;
        }
        s.tcpAnalysis = ta;
        if (s.tcpHeaderLength >= 20) { // tshark gives up on a shorter header right after analysis
            boolean optionsWhole = !(s.status == Status.TRUNCATED && "tcp".equals(s.reason));
            tcp.afterAnalysis(id, side, flags, optionsWhole ? s.tcpWindowScale : -1, s.epochNanos, optionsWhole);
        }
        if ((flags & (FIN | RST)) != 0) {
            table.end(id, side, (flags & RST) != 0);
        }
    }

    /**
     * tshark's {@code th_seglen}: the segment's length from the IP header less the TCP header's,
     * or -1 when the IP length is shorter than the TCP header (a "short segment": no analysis).
     */
    private static int segmentLength(PacketSummary s) {
        if (s.tcpPayloadLength >= 0) {
            return s.tcpPayloadLength;
        }
        if (s.tcpHeaderLength >= 20 || s.tcpHeaderLength < 0) {
            return -1;
        }
        int reported;
        if (s.has(IP4)) {
            reported = s.ipTotalLength - s.ipHeaderLength;
        } else {
            reported = s.ip6PayloadLength - (s.transportOffset - s.networkOffset - 40);
        }
        return reported >= s.tcpHeaderLength ? reported - s.tcpHeaderLength : -1;
    }

    private boolean packetEndpoints(PacketSummary s) {
        if ((s.ipHasAddrs & 3) != 3) {
            return false;
        }
        if (s.has(IP4)) {
            return endpoints((byte) 0, 0, s.ip4Src & MASK32, 0, s.ip4Dst & MASK32, s.srcPort, s.dstPort);
        }
        return s.has(IP6) && endpoints(Conversations.V6, s.ip6SrcHi, s.ip6SrcLo, s.ip6DstHi, s.ip6DstLo,
                s.srcPort, s.dstPort);
    }

    private boolean quotedEndpoints(PacketSummary s) {
        if (s.quotedSrcPort < 0 || s.quotedDstPort < 0) {
            return false;
        }
        if (s.quotedHasIp4 && s.has(IP4)) {
            return endpoints((byte) 0, 0, s.quotedIp4Src & MASK32, 0, s.quotedIp4Dst & MASK32,
                    s.quotedSrcPort, s.quotedDstPort);
        }
        return s.quotedHasIp6 && s.has(IP6) && endpoints(Conversations.V6, s.quotedIp6SrcHi, s.quotedIp6SrcLo,
                s.quotedIp6DstHi, s.quotedIp6DstLo, s.quotedSrcPort, s.quotedDstPort);
    }

    /**
     * Orders the endpoints as the table keys them and finds tshark's side: flow 1 (side 0) when
     * the source address is the greater, or with equal addresses the source port.
     */
    private boolean endpoints(byte v, long sHi, long sLo, long dHi, long dLo, int sPort, int dPort) {
        family = v;
        int cmp = Long.compareUnsigned(sHi, dHi);
        if (cmp == 0) {
            cmp = Long.compareUnsigned(sLo, dLo);
        }
        boolean first = cmp > 0 || (cmp == 0 && sPort > dPort);
        side = first ? 0 : 1;
        if (first) {
            aHi = sHi;
            aLo = sLo;
            bHi = dHi;
            bLo = dLo;
            ports = sPort << 16 | dPort;
        } else {
            aHi = dHi;
            aLo = dLo;
            bHi = sHi;
            bLo = sLo;
            ports = dPort << 16 | sPort;
        }
        return true;
    }
}
