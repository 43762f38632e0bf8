package org.wiretop.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The classic pcap file format (libpcap's savefile, pcap-savefile(5)): a 24-byte global header,
 * then records of a 16-byte header and the captured bytes.
 * <pre>
 * global: magic(4) version_major(2) version_minor(2) thiszone(4) sigfigs(4) snaplen(4) linktype(4)
 * record: ts_sec(4) ts_frac(4) incl_len(4) orig_len(4) data(incl_len)
 * </pre>
 * The magic tells the byte order and whether ts_frac counts micro- or nanoseconds.
 *
 * @param order    byte order of every header field
 * @param nanos    true when ts_frac is in nanoseconds (magic a1b23c4d)
 * @param snaplen  the writer's snapshot length (untrusted: only used for display and bounds)
 * @param linkType DLT value from the low 16 bits of the link-type field
 */
record PcapFormat(ByteOrder order, boolean nanos, int snaplen, int linkType) {
    static final int GLOBAL_HEADER = 24;
    static final int RECORD_HEADER = 16;
    static final int MAGIC_MICRO = 0xa1b2c3d4;
    static final int MAGIC_NANO = 0xa1b23c4d;
    /** First 4 bytes of a pcapng file (Section Header Block type, palindromic in both orders). */
    static final int MAGIC_PCAPNG = 0x0a0d0d0a;
    /**
     * Largest record we accept: libpcap's own bound for ordinary link types (262144). A larger
     * declared snaplen widens it, capped at 16 MiB, so a corrupt length never sizes a buffer.
     */
    static final int MAX_RECORD_DEFAULT = 262144;
    static final int MAX_RECORD_CAP = 16 << 20;

    /** Parses a global header, or returns null when the bytes are not classic pcap. */
    static PcapFormat parse(byte[] header) {
        if (header.length < GLOBAL_HEADER) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(header, 0, GLOBAL_HEADER);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            b.order(order);
            int magic = b.getInt(0);
            if (magic == MAGIC_MICRO || magic == MAGIC_NANO) {
                // Link type: the low 16 bits; the upper bits carry FCS flags (pcap-savefile(5)).
                return new PcapFormat(order, magic == MAGIC_NANO, b.getInt(16), b.getInt(20) & 0xffff);
            }
        }
        return null;
    }

    /** Reads the first four bytes as a big-endian magic (for telling pcap, pcapng and junk apart). */
    static int magicOf(byte[] first4) {
        return ((first4[0] & 0xff) << 24) | ((first4[1] & 0xff) << 16) | ((first4[2] & 0xff) << 8) | (first4[3] & 0xff);
    }

    /** True for both byte orders of both classic magics. */
    static boolean isClassic(int bigEndianMagic) {
        return bigEndianMagic == MAGIC_MICRO || bigEndianMagic == MAGIC_NANO
                || bigEndianMagic == Integer.reverseBytes(MAGIC_MICRO) || bigEndianMagic == Integer.reverseBytes(MAGIC_NANO);
    }

    /** The largest captured length a record of this file may declare. */
    int maxRecord() {
        long declared = snaplen & 0xffffffffL;
        return (int) Math.min(MAX_RECORD_CAP, Math.max(MAX_RECORD_DEFAULT, declared));
    }

    /** Epoch nanoseconds from a record's two timestamp words (both unsigned). */
    long epochNanos(int seconds, int fraction) {
        long frac = fraction & 0xffffffffL;
        return (seconds & 0xffffffffL) * 1_000_000_000L + (nanos ? frac : frac * 1_000L);
    }

    /** The message for a record whose length cannot be right. */
    static String corrupt(String name, long recordNumber, long caplen, long delivered) {
        return name + ": record " + recordNumber + " is corrupt (caplen " + caplen + "); read " + delivered + " packets";
    }

    /** The note for a file that ends inside a record (a capture cut short). */
    static String truncated(String name, long recordNumber, long needed, long left, long delivered) {
        return name + ": ends inside record " + recordNumber + " (" + needed + " bytes needed, " + left
                + " left): the capture was cut short; read " + delivered + " packets";
    }
}
