package org.wiretop.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Dumps the kernel's TCP and UDP sockets over NETLINK_SOCK_DIAG, as {@code ss} does: one
 * {@code inet_diag_req_v2} with NLM_F_DUMP per protocol and family, then replies read into one
 * reused native buffer until NLMSG_DONE. Not thread-safe: one instance per reading thread.
 *
 * <pre>
 * request = nlmsghdr (16: len, type=SOCK_DIAG_BY_FAMILY, flags=REQUEST|DUMP, seq, pid)
 *         + inet_diag_req_v2 (56: family, protocol, ext, pad, states, inet_diag_sockid)
 * reply   = nlmsghdr + inet_diag_msg (72) + rtattrs, many per datagram; NLMSG_DONE ends it
 * </pre>
 * {@link #findOne} sends the same request without NLM_F_DUMP and with the socket's 4-tuple in
 * {@code inet_diag_sockid}: the kernel looks the socket up in its hash tables (as it does for an
 * arriving packet) and answers with one message, or NLMSG_ERROR -ENOENT.
 */
public final class NetlinkSockDiag implements AutoCloseable {
    public static final int AF_INET = 2, AF_INET6 = 10;
    public static final int IPPROTO_TCP = 6, IPPROTO_UDP = 17;
    /** Every state, for {@link #dump(int, int, boolean, int, InetDiagVisitor)}. */
    public static final int ALL_STATES = 0xffffffff;

    private static final int AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 0x80000, NETLINK_SOCK_DIAG = 4;
    private static final int NLMSG_HDRLEN = 16, NLMSG_ERROR = 2, NLMSG_DONE = 3, SOCK_DIAG_BY_FAMILY = 20;
    /** The original inet_diag request type: TCP of both families in one walk of the kernel's tables. */
    private static final int TCPDIAG_GETSOCK = 18;
    private static final int REQ_V1_SIZE = 60;
    private static final int NLM_F_REQUEST = 0x1, NLM_F_DUMP = 0x300;
    private static final int REQ_V2_SIZE = 56, RTA_HDRLEN = 4, NLA_TYPE_MASK = 0x3fff;
    private static final int INET_DIAG_INFO = 2;
    private static final int EINTR = 4, MSG_TRUNC = 0x20;
    /** The kernel fills dump datagrams up to 32 KiB; twice that leaves room and never truncates. */
    private static final int BUFFER_SIZE = 64 * 1024;

    private final int fd;
    private final Memory memory = new Memory(BUFFER_SIZE);
    private final ByteBuffer buf = memory.getByteBuffer(0, BUFFER_SIZE).order(ByteOrder.nativeOrder());
    private final InetDiagMessage message = new InetDiagMessage();
    private final ReplyState oneReply = new ReplyState();
    private int sequence;
    private boolean closed;

    private NetlinkSockDiag(int fd) {
        this.fd = fd;
        oneReply.noEntryIsAnswer = true;
    }

    /**
     * Opens a sock_diag socket.
     *
     * @throws NetlinkException when the kernel or a sandbox refuses it ({@link NetlinkException#refused()})
     *                          or libc cannot be bound
     */
    public static NetlinkSockDiag open() throws NetlinkException {
        try {
            return new NetlinkSockDiag(NetlinkLibC.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
        } catch (LastErrorException e) {
            throw new NetlinkException("cannot open a NETLINK_SOCK_DIAG socket", e.getErrorCode());
        } catch (LinkageError e) { // no JNA native part for this platform, or no libc to bind
            throw new NetlinkException("cannot bind libc through JNA: " + e.getMessage(), 0);
        }
    }

    /**
     * Dumps every socket of one protocol and family, in every state, with tcp_info for TCP.
     *
     * @param family   {@link #AF_INET} or {@link #AF_INET6}
     * @param protocol {@link #IPPROTO_TCP} or {@link #IPPROTO_UDP}
     * @return how many sockets were visited
     */
    public int dump(int family, int protocol, InetDiagVisitor visitor) throws NetlinkException {
        return dump(family, protocol, true, ALL_STATES, visitor);
    }

    /**
     * Dumps every socket of one protocol and family, in every state.
     *
     * @param tcpInfo whether to ask for tcp_info: it costs the kernel a socket lock and ~240 bytes
     *                per TCP socket (about a quarter of a dump's time), so skip it when unused
     * @param states  bit mask of kernel states to dump (1 &lt;&lt; TCP_ESTABLISHED …); the kernel skips
     *                the connection table altogether when only LISTEN is asked for
     * @return how many sockets were visited
     */
    public int dump(int family, int protocol, boolean tcpInfo, int states, InetDiagVisitor visitor)
            throws NetlinkException {
        if (closed) {
            throw new NetlinkException("sock_diag socket is closed", 0);
        }
        int seq = ++sequence;
        sendRequest(family, protocol, tcpInfo, states, seq);
        return readReplies(seq, protocol, visitor);
    }

    /**
     * Dumps TCP sockets of both families in one pass through the original (pre-3.3)
     * TCPDIAG_GETSOCK request, which the kernel answers with the same messages but walks its
     * tables once instead of once per family (about 40 % less kernel time for a large table).
     * Each message's {@link InetDiagMessage#family()} tells the family.
     *
     * @throws NetlinkException when the kernel lacks the compat request (callers fall back to
     *                          {@link #dump(int, int, boolean, int, InetDiagVisitor)} per family)
     */
    public int dumpTcpBothFamilies(boolean tcpInfo, int states, InetDiagVisitor visitor) throws NetlinkException {
        if (closed) {
            throw new NetlinkException("sock_diag socket is closed", 0);
        }
        int seq = ++sequence;
        int total = NLMSG_HDRLEN + REQ_V1_SIZE;
        memory.clear(total);
        buf.putInt(0, total);
        buf.putShort(4, (short) TCPDIAG_GETSOCK);
        buf.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        buf.putInt(8, seq);
        buf.put(16, (byte) AF_INET); // ignored: the compat dump covers every family
        buf.put(19, (byte) (tcpInfo ? 1 << (INET_DIAG_INFO - 1) : 0));
        buf.putInt(16 + 52, states);
        send(total);
        return readReplies(seq, IPPROTO_TCP, visitor);
    }

    private int readReplies(int seq, int protocol, InetDiagVisitor visitor) throws NetlinkException {
        ReplyState state = new ReplyState();
        while (!state.done) {
            parseReply(buf, receive(), seq, protocol, message, visitor, state);
        }
        return state.count;
    }

    /** Progress through one dump's replies. */
    static final class ReplyState {
        int count;
        boolean done;
        /**
         * Set by {@link #findOne}: ENOENT (no such socket, the common answer for a client that
         * has closed) ends the reply as an answer, not as an exception whose stack trace costs
         * more than the query.
         */
        boolean noEntryIsAnswer;

        void reset() {
            count = 0;
            done = false;
        }
    }

    /**
     * Parses one datagram of {@code n} bytes: every nlmsghdr of our sequence number, every
     * socket message and its attributes, each length checked against what is left before it
     * is trusted. Messages of other sequence numbers (a dump interrupted earlier) are skipped.
     */
    static void parseReply(ByteBuffer buf, int n, int seq, int protocol, InetDiagMessage message,
                           InetDiagVisitor visitor, ReplyState state) throws NetlinkException {
        int off = 0;
        while (off + NLMSG_HDRLEN <= n) {
            int len = buf.getInt(off);
            int type = buf.getShort(off + 4) & 0xffff;
            int msgSeq = buf.getInt(off + 8);
            if (len < NLMSG_HDRLEN || len > n - off) {
                throw new NetlinkException("malformed sock_diag reply: message length " + len
                        + " at offset " + off + " of " + n, 0);
            }
            if (msgSeq == seq) {
                if (type == NLMSG_DONE) {
                    state.done = true;
                    return;
                }
                if (type == NLMSG_ERROR) {
                    int errno = len >= NLMSG_HDRLEN + 4 ? -buf.getInt(off + NLMSG_HDRLEN) : 0;
                    if (errno == 0 || (errno == NetlinkException.ENOENT && state.noEntryIsAnswer)) {
                        state.done = true; // an ACK, or no such socket
                        return;
                    }
                    throw new NetlinkException("sock_diag dump refused", errno);
                }
                if ((type == SOCK_DIAG_BY_FAMILY || type == TCPDIAG_GETSOCK)
                        && visitMessage(buf, off + NLMSG_HDRLEN, off + len, protocol, message, visitor)) {
                    state.count++;
                }
            }
            off += align4(len);
        }
    }

    /** Frames one inet_diag_msg and its attributes; false when too short to hold the fixed part. */
    private static boolean visitMessage(ByteBuffer buf, int start, int end, int protocol, InetDiagMessage message,
                                        InetDiagVisitor visitor) {
        if (end - start < InetDiagMessage.SIZE) {
            return false;
        }
        int infoAt = 0, infoLen = 0;
        int a = start + InetDiagMessage.SIZE;
        while (a + RTA_HDRLEN <= end) {
            int rtaLen = buf.getShort(a) & 0xffff;
            int rtaType = buf.getShort(a + 2) & NLA_TYPE_MASK;
            if (rtaLen < RTA_HDRLEN || rtaLen > end - a) {
                break; // a broken attribute ends the list; the fixed part is still good
            }
            if (rtaType == INET_DIAG_INFO) {
                infoAt = a + RTA_HDRLEN;
                infoLen = rtaLen - RTA_HDRLEN;
            }
            a += align4(rtaLen);
        }
        message.reset(buf, start, protocol, infoAt, infoLen);
        visitor.visit(message);
        return true;
    }

    /**
     * Looks one socket up by its 4-tuple (no dump: a hash lookup in the kernel, a few
     * microseconds whatever the number of sockets): the connected socket with exactly these
     * ends, else, as for an arriving packet, the listener or bound UDP socket that would take it.
     * IPv4 finds dual-stack IPv6 sockets talking to IPv4 peers too.
     *
     * @param family  {@link #AF_INET} or {@link #AF_INET6}
     * @param local   the local address, 4 or 16 network-order bytes
     * @param remote  the remote address, same length
     * @return whether a socket was found (then {@code visitor} saw it)
     */
    public boolean findOne(int family, int protocol, byte[] local, int localPort, byte[] remote, int remotePort,
                           InetDiagVisitor visitor) throws NetlinkException {
        if (closed) {
            throw new NetlinkException("sock_diag socket is closed", 0);
        }
        int length = family == AF_INET ? 4 : 16;
        if (local.length != length || remote.length != length) {
            throw new IllegalArgumentException("addresses of " + length + " bytes expected");
        }
        int seq = ++sequence;
        int total = NLMSG_HDRLEN + REQ_V2_SIZE;
        memory.clear(total);
        buf.putInt(0, total);
        buf.putShort(4, (short) SOCK_DIAG_BY_FAMILY);
        buf.putShort(6, (short) NLM_F_REQUEST);
        buf.putInt(8, seq);
        buf.put(16, (byte) family);
        buf.put(17, (byte) protocol);
        buf.putInt(20, ALL_STATES);
        // inet_diag_sockid at 24: sport, dport (big-endian), src[16], dst[16], if, cookie[2].
        // udp_dump_one looks up with src and dst swapped ("for historical reasons", says the
        // kernel): src is the peer there, while TCP's src is the socket's own end.
        boolean udp = protocol == IPPROTO_UDP;
        putPort(24, udp ? remotePort : localPort);
        putPort(26, udp ? localPort : remotePort);
        buf.put(28, udp ? remote : local);
        buf.put(44, udp ? local : remote);
        buf.putInt(64, -1); // INET_DIAG_NOCOOKIE
        buf.putInt(68, -1);
        send(total);
        ReplyState state = oneReply;
        state.reset();
        while (!state.done && state.count == 0) {
            parseReply(buf, receive(), seq, protocol, message, visitor, state);
        }
        return state.count > 0;
    }

    private void putPort(int at, int port) {
        buf.put(at, (byte) (port >>> 8));
        buf.put(at + 1, (byte) port);
    }

    private void sendRequest(int family, int protocol, boolean tcpInfo, int states, int seq) throws NetlinkException {
        int total = NLMSG_HDRLEN + REQ_V2_SIZE;
        memory.clear(total);
        buf.putInt(0, total);
        buf.putShort(4, (short) SOCK_DIAG_BY_FAMILY);
        buf.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        buf.putInt(8, seq);
        buf.putInt(12, 0);
        buf.put(16, (byte) family);
        buf.put(17, (byte) protocol);
        buf.put(18, (byte) (protocol == IPPROTO_TCP && tcpInfo ? 1 << (INET_DIAG_INFO - 1) : 0));
        buf.putInt(20, states);
        send(total);
    }

    private void send(int length) throws NetlinkException {
        try {
            NetlinkLibC.send(fd, memory, length, 0);
        } catch (LastErrorException e) {
            throw new NetlinkException("cannot send the sock_diag request", e.getErrorCode());
        }
    }

    private int receive() throws NetlinkException {
        while (true) {
            try {
                // MSG_TRUNC makes recv return the datagram's real length, so a cut reply is caught
                long n = NetlinkLibC.recv(fd, memory, BUFFER_SIZE, MSG_TRUNC);
                if (n <= 0) {
                    throw new NetlinkException("sock_diag socket closed by the kernel mid-dump", 0);
                }
                if (n > BUFFER_SIZE) {
                    throw new NetlinkException("sock_diag reply of " + n + " bytes does not fit the "
                            + BUFFER_SIZE + "-byte buffer", 0);
                }
                return (int) n;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw new NetlinkException("cannot read the sock_diag reply", e.getErrorCode());
                }
            }
        }
    }

    private static int align4(int length) {
        return (length + 3) & ~3;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                NetlinkLibC.close(fd);
            } catch (LastErrorException ignored) {
                // nothing to do: the descriptor is gone either way
            }
        }
    }
}
