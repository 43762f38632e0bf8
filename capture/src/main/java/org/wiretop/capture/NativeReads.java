package org.wiretop.capture;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Reads from native memory that libpcap handed us (a packet's header and bytes in its ring),
 * through {@code sun.misc.Unsafe}: the JIT compiles these reads to plain loads and one copy.
 * JNA's {@code Pointer.read} is a JNI call each (with its array-region copy and exception
 * check); three of them a packet were a third of the capture thread's time at 700 k packets/s
 * (perf). With these reads, and pcap_next_ex's arguments passed as plain {@code long}s, the
 * capture thread took 150 ms of CPU a million packets instead of 205 (tcpdump: 160). The
 * addresses must come from libpcap and the lengths from its header: nothing here checks them.
 */
final class NativeReads {
    private final Unsafe unsafe;
    private final long byteArrayBase;

    private NativeReads(Unsafe unsafe) {
        this.unsafe = unsafe;
        this.byteArrayBase = unsafe.arrayBaseOffset(byte[].class);
    }

    /** The reads, or null where {@code sun.misc.Unsafe} cannot be reached (callers keep JNA's). */
    static NativeReads find() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return new NativeReads((Unsafe) f.get(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    long getLong(long address) {
        return unsafe.getLong(address);
    }

    /** Copies {@code length} bytes at {@code address} into the start of {@code into}. */
    void copy(long address, byte[] into, int length) {
        if (length > into.length) {
            throw new IndexOutOfBoundsException(length + " bytes into " + into.length);
        }
        unsafe.copyMemory(null, address, into, byteArrayBase, length);
    }
}
