package org.wiretop.capture;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.pcap4j.core.PcapHandle;

/**
 * The hot read loop over an open pcap4j handle, without pcap4j's per-packet costs. pcap4j's
 * {@code loop} pays a JNA callback from native code, a timestamp object, a fresh byte array
 * and a task object for every packet, and at ~600 k packets/s on lo it fell behind the kernel
 * (23 % dropped where tcpdump dropped none, bench/capture-loss.sh). Here one direct-mapped
 * {@code pcap_next_ex} call a packet leaves the header and data in libpcap's buffer, and plain
 * loads and one copy ({@link NativeReads}) take them into an array we reuse: no allocation, no
 * callback, no JNI call but libpcap's.
 *
 * <p>The {@code pcap_t} pointer is pcap4j's private field; when it cannot be reached,
 * {@link #of} returns null and the caller keeps pcap4j's own loop.
 */
final class NextExLoop {
    /** pcap_next_ex results (pcap/pcap.h). */
    static final int OK = 1;
    static final int TIMEOUT = 0;
    static final int ERROR = -1;
    static final int BREAK_OR_EOF = -2;

    private static volatile Boolean bound;

    private final Pointer pcap;
    private final boolean nanos;
    private final Memory refs = new Memory(2L * Native.POINTER_SIZE);
    private final byte[] header;
    private final ByteBuffer headerView;
    private final int capOffset;
    private final MovablePointer at = new MovablePointer();
    /** Plain loads from libpcap's memory, or null: then JNA's reads (JNI calls) do it. */
    private final NativeReads reads;
    private final long refsAddress = Pointer.nativeValue(refs);
    private final long pcapAddress;
    private byte[] buf = new byte[2048];

    private NextExLoop(Pointer pcap, boolean nanos, NativeReads reads) {
        this.reads = reads;
        this.pcap = pcap;
        this.pcapAddress = Pointer.nativeValue(pcap);
        this.nanos = nanos;
        // struct pcap_pkthdr { struct timeval ts; bpf_u_int32 caplen; bpf_u_int32 len; }
        this.capOffset = 2 * Native.LONG_SIZE;
        this.header = new byte[capOffset + 8];
        this.headerView = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
    }

    /**
     * A loop over {@code handle}, or null when its native pointer cannot be reached.
     * {@code plainReads}: read libpcap's memory with plain loads where possible (false: JNA's reads).
     */
    static NextExLoop of(PcapHandle handle, boolean plainReads) {
        if (!bind() || Native.POINTER_SIZE != 8) {
            return null;
        }
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            Pointer p = (Pointer) f.get(handle);
            return p == null ? null : new NextExLoop(p, handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO,
                    plainReads ? NativeReads.find() : null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static synchronized boolean bind() {
        if (bound == null) {
            try {
                String lib = System.getProperty(LibPcap.LIB_NAME_PROPERTY, "pcap");
                Native.register(NextExLoop.class, NativeLibrary.getInstance(lib));
                bound = true;
            } catch (LinkageError | RuntimeException e) {
                bound = false;
            }
        }
        return bound;
    }

    /** Addresses as {@code long}s: JNA passes them as they are, where a {@code Pointer} is a JNI field read each. */
    private static native int pcap_next_ex(long p, long headerOut, long dataOut);

    private static native Pointer pcap_geterr(Pointer p);

    private static native int pcap_setnonblock(Pointer p, int nonblock, Pointer errbuf);

    private static native int pcap_get_selectable_fd(Pointer p);

    /** poll(2), to wait on the capture's descriptor with our own timeout. */
    private static final class Libc {
        static {
            Native.register(Libc.class, NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME));
        }

        static native int poll(Pointer fds, int nfds, int timeoutMillis);
    }

    private static final short POLLIN = 1;
    /** struct pollfd { int fd; short events; short revents; }, for {@link #awaitReadable}. */
    private Memory pollFd;

    /**
     * Makes reads non-blocking, so {@link #next} returns {@link #TIMEOUT} at once when nothing is
     * ready and the caller waits with {@link #awaitReadable}: with TPACKET_V3 libpcap's own wait
     * has no timeout while no packet at all arrives, and a quiet capture must still see time pass.
     * Returns false (the handle stays blocking) when libpcap or libc refuses.
     */
    boolean waitOwnTimeouts() {
        try {
            Memory err = new Memory(512);
            if (pcap_setnonblock(pcap, 1, err) != 0) {
                return false;
            }
            int fd = pcap_get_selectable_fd(pcap);
            if (fd < 0) {
                pcap_setnonblock(pcap, 0, err);
                return false;
            }
            pollFd = new Memory(8);
            pollFd.setInt(0, fd);
            Libc.poll(pollFd, 0, 0); // bind libc now, not on the first quiet moment
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** Waits up to {@code millis} for packets (after {@link #waitOwnTimeouts}); false when none came. */
    boolean awaitReadable(int millis) {
        pollFd.setShort(4, POLLIN);
        pollFd.setShort(6, (short) 0);
        return Libc.poll(pollFd, 1, millis) != 0; // ready, or an error / EINTR: pcap_next_ex will tell
    }

    /**
     * Reads one packet and hands it to {@code handler}. Returns {@link #OK}, {@link #TIMEOUT}
     * (nothing arrived within the read timeout), {@link #BREAK_OR_EOF} (pcap_breakloop, or the
     * end of a file) or {@link #ERROR} (see {@link #error()}).
     */
    int next(PacketHandler handler) {
        int rc = pcap_next_ex(pcapAddress, refsAddress, refsAddress + Native.POINTER_SIZE);
        if (rc != OK) {
            return rc;
        }
        long dataAt = pointer(1);
        copy(pointer(0), header, header.length);
        long sec = Native.LONG_SIZE == 8 ? headerView.getLong(0) : headerView.getInt(0);
        long frac = Native.LONG_SIZE == 8 ? headerView.getLong(Native.LONG_SIZE) : headerView.getInt(Native.LONG_SIZE);
        int caplen = headerView.getInt(capOffset);
        int wire = headerView.getInt(capOffset + 4);
        if (caplen < 0) {
            return ERROR;
        }
        if (buf.length < caplen) {
            buf = new byte[Math.max(caplen, buf.length * 2)];
        }
        copy(dataAt, buf, caplen);
        handler.onPacket(sec * 1_000_000_000L + (nanos ? frac : frac * 1_000L), wire, buf, caplen);
        return OK;
    }

    /** The header (0) or data (1) pointer pcap_next_ex left in {@code refs}. */
    private long pointer(int which) {
        long offset = (long) which * Native.POINTER_SIZE;
        return reads != null ? reads.getLong(refsAddress + offset) : refs.getLong(offset);
    }

    private void copy(long address, byte[] into, int length) {
        if (reads != null) {
            reads.copy(address, into, length);
        } else {
            at.moveTo(address).read(0, into, 0, length);
        }
    }

    /**
     * One pointer moved to each address it reads: a {@code new Pointer} for the header and one for
     * the data escaped into JNA's native read, 48 bytes a packet, and at 1 M packets/s on lo they
     * filled the young generation every few seconds and a collection stopped the capture for 50-70 ms.
     */
    private static final class MovablePointer extends Pointer {
        MovablePointer() {
            super(0);
        }

        MovablePointer moveTo(long address) {
            peer = address;
            return this;
        }
    }

    /** libpcap's message for the last {@link #ERROR}. */
    String error() {
        Pointer m = pcap_geterr(pcap);
        return m == null ? "unknown libpcap error" : m.getString(0);
    }
}
