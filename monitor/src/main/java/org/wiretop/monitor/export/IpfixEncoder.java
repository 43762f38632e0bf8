package org.wiretop.monitor.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowExportRecord;
import org.wiretop.monitor.flow.FlowRecordSink;
import org.wiretop.monitor.socket.SocketOwner;

/**
 * Encodes flow records as IPFIX messages (RFC 7011) and hands each finished message to a
 * {@link Transport}. A message is a 16-byte header (version 10, length, export time, sequence
 * number, observation domain), then sets: the template set (id 2) with the IPv4 and IPv6
 * templates in the first message and again once the refresh interval has passed, then data sets
 * (id = template id) of whole records. A message never exceeds the size given (the path MTU's
 * room for UDP), so nothing is fragmented. The sequence number counts the data records sent
 * before the message in this observation domain, modulo 2^32, as section 3.1 asks.
 *
 * <p>Per-direction mode (the default, as softflowd): one record per direction that carried
 * packets, its sender as source. Biflow mode (RFC 5103): one record per conversation, the opener
 * as source, the other direction's counts in the reverse elements. Capture thread only; the
 * message buffer is reused, and records allocate nothing unless extensions look up processes.
 */
public final class IpfixEncoder implements FlowRecordSink {
    /** Takes one finished message, the buffer's position to limit; must not keep the buffer. */
    @FunctionalInterface
    public interface Transport {
        void send(ByteBuffer message);
    }

    static final int MESSAGE_HEADER = 16, SET_HEADER = 4, TEMPLATE_SET_ID = 2, VERSION = 10;
    /** The longest process name sent (a variable-length element up to 254 bytes has a 1-byte length). */
    static final int MAX_NAME_BYTES = 254;
    /** Room for the header, both templates and the longest record (two 254-byte names). */
    public static final int MIN_MESSAGE = 1024;
    private static final int ICMP = 1, ICMPV6 = 58;

    private final ByteBuffer buf;
    private final IpfixTemplate v4, v6;
    private final boolean biflow, extensions;
    private final int domain;
    private final long refreshNanos;
    private final FlowProcesses processes;
    private final Transport transport;
    private final LongSupplier nanoClock;
    private final byte[] srcName = new byte[MAX_NAME_BYTES], dstName = new byte[MAX_NAME_BYTES];
    private int srcNameLength, dstNameLength, srcPid, dstPid;
    private long sequence;
    private int recordsInMessage;
    private boolean templatesInMessage;
    private int setStart = -1, setId;
    private boolean templatesEverSent;
    private long templatesSentAt;
    private long messages, dataRecords;

    /**
     * @param maxMessageBytes the largest message ({@value #MIN_MESSAGE}..65535)
     * @param domain          the observation domain id
     * @param refreshNanos    templates are sent again in the first message after this much time
     * @param processes       owners for the extension elements (unused without extensions)
     */
    public IpfixEncoder(int maxMessageBytes, int domain, boolean biflow, boolean extensions, long refreshNanos,
                        FlowProcesses processes, Transport transport) {
        this(maxMessageBytes, domain, biflow, extensions, refreshNanos, processes, transport, System::nanoTime);
    }

    /** As above, the template refresh timed by {@code nanoClock} (tests). */
    IpfixEncoder(int maxMessageBytes, int domain, boolean biflow, boolean extensions, long refreshNanos,
                 FlowProcesses processes, Transport transport, LongSupplier nanoClock) {
        if (maxMessageBytes < MIN_MESSAGE || maxMessageBytes > 65535) {
            throw new IllegalArgumentException("IPFIX message size must be " + MIN_MESSAGE + "..65535 bytes: "
                    + maxMessageBytes);
        }
        this.buf = ByteBuffer.allocate(maxMessageBytes);
        this.v4 = IpfixTemplate.of(4, biflow, extensions);
        this.v6 = IpfixTemplate.of(6, biflow, extensions);
        this.biflow = biflow;
        this.extensions = extensions;
        this.domain = domain;
        this.refreshNanos = refreshNanos;
        this.processes = processes;
        this.transport = transport;
        this.nanoClock = nanoClock;
        begin();
    }

    /** Messages handed to the transport. */
    public long messages() {
        return messages;
    }

    /** Data records handed to the transport (a biflow counts once, a conversation per direction twice). */
    public long dataRecords() {
        return dataRecords;
    }

    @Override
    public void accept(FlowExportRecord r) {
        if (biflow) {
            put(r, false);
            return;
        }
        if (r.forwardPackets > 0) {
            put(r, false);
        }
        if (r.reversePackets > 0) {
            put(r, true);
        }
    }

    /** Sends the waiting records; then the templates alone when due (on start, and every refresh interval). */
    @Override
    public void endOfBatch() {
        if (recordsInMessage > 0) {
            send(); // the next message starts with the templates if they are due
        } else if (!templatesInMessage && templatesDue()) {
            begin();
        }
        if (templatesInMessage) {
            send();
        }
    }

    @Override
    public void close() {
        if (recordsInMessage > 0) {
            send();
        }
    }

    private boolean templatesDue() {
        return !templatesEverSent || nanoClock.getAsLong() - templatesSentAt >= refreshNanos;
    }

    /** One data record; {@code rev}: the server-to-client direction of a per-direction export. */
    private void put(FlowExportRecord r, boolean rev) {
        IpfixTemplate t = r.family == 4 ? v4 : v6;
        if (recordsInMessage == 0 && !templatesInMessage && templatesDue()) {
            // This message was begun before the refresh fell due (after the last send, which may
            // be long ago): the templates go first, or a collector that started since then drops these records.
            begin();
        }
        if (extensions) {
            lookUpProcesses(r, rev);
        }
        int size = t.fixedLength + (extensions ? srcNameLength + dstNameLength : 0);
        if (buf.position() + size + (setId == t.id ? 0 : SET_HEADER) > buf.limit() && recordsInMessage > 0) {
            send();
        }
        if (setId != t.id) {
            openSet(t.id);
        }
        for (IpfixElement e : t.elements) {
            write(e, r, rev);
        }
        recordsInMessage++;
    }

    private void begin() {
        buf.clear();
        buf.position(MESSAGE_HEADER);
        recordsInMessage = 0;
        templatesInMessage = false;
        setStart = -1;
        setId = -1;
        if (templatesDue()) {
            addTemplates();
        }
    }

    private void addTemplates() {
        openSet(TEMPLATE_SET_ID);
        v4.writeTemplateRecord(buf);
        v6.writeTemplateRecord(buf);
        closeSet();
        templatesInMessage = true;
        templatesEverSent = true;
        templatesSentAt = nanoClock.getAsLong();
    }

    private void openSet(int id) {
        closeSet();
        setStart = buf.position();
        setId = id;
        buf.putShort((short) id);
        buf.putShort((short) 0); // length, set by closeSet
    }

    private void closeSet() {
        if (setStart >= 0) {
            buf.putShort(setStart + 2, (short) (buf.position() - setStart));
            setStart = -1;
            setId = -1;
        }
    }

    private void send() {
        closeSet();
        int length = buf.position();
        buf.putShort(0, (short) VERSION);
        buf.putShort(2, (short) length);
        buf.putInt(4, (int) (System.currentTimeMillis() / 1000));
        buf.putInt(8, (int) sequence);
        buf.putInt(12, domain);
        buf.flip();
        transport.send(buf);
        messages++;
        sequence += recordsInMessage;
        dataRecords += recordsInMessage;
        begin();
    }

    private void lookUpProcesses(FlowExportRecord r, boolean rev) {
        FlowEndpoint client = r.client(), server = r.server();
        FlowEndpoint src = rev ? server : client, dst = rev ? client : server;
        SocketOwner s = processes.owner(r.protocol, src, dst);
        SocketOwner d = processes.owner(r.protocol, dst, src);
        srcPid = s == null ? 0 : s.pid();
        dstPid = d == null ? 0 : d.pid();
        srcNameLength = name(s, srcName);
        dstNameLength = name(d, dstName);
    }

    private static int name(SocketOwner owner, byte[] into) {
        if (owner == null || owner.program() == null) {
            return 0;
        }
        byte[] b = owner.program().getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, into.length);
        System.arraycopy(b, 0, into, 0, n);
        return n;
    }

    private void write(IpfixElement e, FlowExportRecord r, boolean rev) {
        boolean icmp = r.protocol == ICMP || r.protocol == ICMPV6;
        switch (e) {
            case SOURCE_IPV4_ADDRESS -> buf.putInt((int) (rev ? r.serverLo : r.clientLo));
            case DESTINATION_IPV4_ADDRESS -> buf.putInt((int) (rev ? r.clientLo : r.serverLo));
            case SOURCE_IPV6_ADDRESS -> buf.putLong(rev ? r.serverHi : r.clientHi).putLong(rev ? r.serverLo : r.clientLo);
            case DESTINATION_IPV6_ADDRESS -> buf.putLong(rev ? r.clientHi : r.serverHi).putLong(rev ? r.clientLo : r.serverLo);
            case SOURCE_TRANSPORT_PORT -> buf.putShort((short) (icmp ? 0 : rev ? r.serverPort : r.clientPort));
            case DESTINATION_TRANSPORT_PORT -> buf.putShort((short) (icmp ? typeCode(r, rev) : rev ? r.clientPort : r.serverPort));
            case PROTOCOL_IDENTIFIER -> buf.put((byte) r.protocol);
            case IP_VERSION -> buf.put((byte) r.family);
            case FLOW_START_MILLISECONDS -> buf.putLong(Math.floorDiv(r.startNanos, 1_000_000L));
            case FLOW_END_MILLISECONDS -> buf.putLong(Math.floorDiv(r.endNanos, 1_000_000L));
            case OCTET_DELTA_COUNT -> buf.putLong(rev ? r.reverseOctets : r.forwardOctets);
            case PACKET_DELTA_COUNT -> buf.putLong(rev ? r.reversePackets : r.forwardPackets);
            case TCP_CONTROL_BITS -> buf.put((byte) (rev ? r.reverseTcpFlags : r.forwardTcpFlags));
            case ICMP_TYPE_CODE_IPV4, ICMP_TYPE_CODE_IPV6 -> buf.putShort((short) (icmp ? typeCode(r, rev) : 0));
            case FLOW_END_REASON -> buf.put((byte) r.endReason);
            case BIFLOW_DIRECTION -> buf.put((byte) 1);
            case REVERSE_OCTET_DELTA_COUNT -> buf.putLong(r.reverseOctets);
            case REVERSE_PACKET_DELTA_COUNT -> buf.putLong(r.reversePackets);
            case REVERSE_TCP_CONTROL_BITS -> buf.put((byte) r.reverseTcpFlags);
            case REVERSE_ICMP_TYPE_CODE_IPV4, REVERSE_ICMP_TYPE_CODE_IPV6 -> buf.putShort((short) (icmp ? typeCode(r, true) : 0));
            case CLIENT_NW_LATENCY_MS -> buf.putInt(r.initialRttNanos >= 0 && r.synToSynAckNanos >= 0
                    ? halfMillis(r.initialRttNanos - r.synToSynAckNanos) : 0);
            case SERVER_NW_LATENCY_MS -> buf.putInt(r.synToSynAckNanos >= 0 ? halfMillis(r.synToSynAckNanos) : 0);
            case RETRANSMITTED_IN_PKTS -> buf.putInt((int) (rev ? r.reverseRetransmissions : r.forwardRetransmissions));
            case RETRANSMITTED_OUT_PKTS -> buf.putInt((int) r.reverseRetransmissions);
            case SRC_PROC_PID -> buf.putInt(srcPid);
            case SRC_PROC_NAME -> buf.put((byte) srcNameLength).put(srcName, 0, srcNameLength);
            case DST_PROC_PID -> buf.putInt(dstPid);
            case DST_PROC_NAME -> buf.put((byte) dstNameLength).put(dstName, 0, dstNameLength);
        }
    }

    private static int typeCode(FlowExportRecord r, boolean rev) {
        return Math.max(0, rev ? r.reverseIcmpTypeCode : r.forwardIcmpTypeCode);
    }

    /** Half a round trip in whole milliseconds (nProbe's *_NW_LATENCY_MS), never negative. */
    private static int halfMillis(long rttNanos) {
        return (int) Math.max(0, rttNanos / 2 / 1_000_000L);
    }
}
