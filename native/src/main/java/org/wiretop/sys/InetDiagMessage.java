package org.wiretop.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A view of one {@code inet_diag_msg} (linux/inet_diag.h) inside a netlink reply, reused for
 * every socket of a dump: valid only during the {@link InetDiagVisitor} call that receives it.
 *
 * <pre>
 *  0      1      2      3      4            8              24             40       44..51
 * +------+------+------+------+------------+--------------+--------------+--------+--------+
 * |family|state |timer |retran| sport dport| src[16] (BE) | dst[16] (BE) | ifindex| cookie |
 * +------+------+------+------+------------+--------------+--------------+--------+--------+
 *  52 expires | 56 rqueue | 60 wqueue | 64 uid | 68 inode      (all host order)    = 72 bytes
 * followed by rtattrs; INET_DIAG_INFO carries struct tcp_info (linux/tcp.h) for TCP.
 * </pre>
 * Ports and addresses are big-endian; everything else is host order, which the buffer's
 * native order gives. Every read lies inside bounds checked when the message was framed.
 */
public final class InetDiagMessage {
    /** Length of the fixed part. */
    static final int SIZE = 72;
    // struct tcp_info offsets (checked against linux/tcp.h with offsetof).
    private static final int TCPI_RETRANSMITS = 2, TCPI_RTT = 68, TCPI_RTTVAR = 72, TCPI_SND_CWND = 80,
            TCPI_TOTAL_RETRANS = 100, TCPI_BYTES_ACKED = 120, TCPI_BYTES_RECEIVED = 128;

    private ByteBuffer buf;
    private int at;
    private int protocol;
    private int tcpInfoAt;
    private int tcpInfoLength;

    void reset(ByteBuffer buffer, int offset, int ipProtocol, int infoOffset, int infoLength) {
        this.buf = buffer;
        this.at = offset;
        this.protocol = ipProtocol;
        this.tcpInfoAt = infoOffset;
        this.tcpInfoLength = infoLength;
    }

    /** IP protocol asked for in the dump: 6 (TCP) or 17 (UDP). */
    public int protocol() {
        return protocol;
    }

    /** AF_INET (2) or AF_INET6 (10). */
    public int family() {
        return buf.get(at) & 0xff;
    }

    /** The kernel's state number (TCP_ESTABLISHED = 1 … TCP_NEW_SYN_RECV = 12). */
    public int state() {
        return buf.get(at + 1) & 0xff;
    }

    public int localPort() {
        return bigEndianShort(at + 4);
    }

    public int remotePort() {
        return bigEndianShort(at + 6);
    }

    /** Address length of this socket's family: 4 or 16. */
    public int addressLength() {
        return family() == 2 ? 4 : 16;
    }

    /** Copies the local address (network order) into {@code dst}, {@link #addressLength()} bytes. */
    public void localAddress(byte[] dst) {
        buf.get(at + 8, dst, 0, addressLength());
    }

    /** Copies the remote address (network order) into {@code dst}, {@link #addressLength()} bytes. */
    public void remoteAddress(byte[] dst) {
        buf.get(at + 24, dst, 0, addressLength());
    }

    /** The local IPv4 address as a number, first octet in the high byte (AF_INET only). */
    public int localIpv4() {
        return bigEndianInt(at + 8);
    }

    /** The remote IPv4 address as a number (AF_INET only). */
    public int remoteIpv4() {
        return bigEndianInt(at + 24);
    }

    /** High 64 bits of the local IPv6 address (AF_INET6 only). */
    public long localIpv6High() {
        return bigEndianLong(at + 8);
    }

    /** Low 64 bits of the local IPv6 address. */
    public long localIpv6Low() {
        return bigEndianLong(at + 16);
    }

    /** High 64 bits of the remote IPv6 address. */
    public long remoteIpv6High() {
        return bigEndianLong(at + 24);
    }

    /** Low 64 bits of the remote IPv6 address. */
    public long remoteIpv6Low() {
        return bigEndianLong(at + 32);
    }

    /** Bytes queued for reading; for LISTEN the accept queue's length. */
    public long receiveQueue() {
        return Integer.toUnsignedLong(buf.getInt(at + 56));
    }

    /** Bytes queued for sending; for LISTEN the backlog. */
    public long sendQueue() {
        return Integer.toUnsignedLong(buf.getInt(at + 60));
    }

    public int uid() {
        return buf.getInt(at + 64);
    }

    public long inode() {
        return Integer.toUnsignedLong(buf.getInt(at + 68));
    }

    /** True when the reply carried struct tcp_info (TCP sockets in most states). */
    public boolean hasTcpInfo() {
        return tcpInfoLength >= TCPI_TOTAL_RETRANS + 4;
    }

    /** Retransmissions of the current segment (tcpi_retransmits). */
    public int tcpRetransmits() {
        return buf.get(tcpInfoAt + TCPI_RETRANSMITS) & 0xff;
    }

    /** Smoothed RTT in microseconds. */
    public long tcpRttMicros() {
        return tcpU32(TCPI_RTT);
    }

    /** RTT variance in microseconds. */
    public long tcpRttVarMicros() {
        return tcpU32(TCPI_RTTVAR);
    }

    /** Congestion window in segments. */
    public long tcpSendCwnd() {
        return tcpU32(TCPI_SND_CWND);
    }

    /** Retransmitted segments over the connection's life. */
    public long tcpTotalRetrans() {
        return tcpU32(TCPI_TOTAL_RETRANS);
    }

    /** tcpi_bytes_acked, or -1 when the kernel's tcp_info is too short to hold it (before 4.1). */
    public long tcpBytesAcked() {
        return tcpInfoLength >= TCPI_BYTES_ACKED + 8 ? buf.getLong(tcpInfoAt + TCPI_BYTES_ACKED) : -1;
    }

    /** tcpi_bytes_received, or -1 when the kernel does not report it. */
    public long tcpBytesReceived() {
        return tcpInfoLength >= TCPI_BYTES_RECEIVED + 8 ? buf.getLong(tcpInfoAt + TCPI_BYTES_RECEIVED) : -1;
    }

    private long tcpU32(int field) {
        return Integer.toUnsignedLong(buf.getInt(tcpInfoAt + field));
    }

    private int bigEndianInt(int offset) {
        int v = buf.getInt(offset);
        return buf.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    private long bigEndianLong(int offset) {
        long v = buf.getLong(offset);
        return buf.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    private int bigEndianShort(int offset) {
        return ((buf.get(offset) & 0xff) << 8) | (buf.get(offset + 1) & 0xff);
    }
}
