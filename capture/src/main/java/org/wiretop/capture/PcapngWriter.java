package org.wiretop.capture;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng), little-endian, to a file or standard output ("-"):
 * <pre>
 * SHB  0x0A0D0D0A len  1a2b3c4d 1.0 section_length=-1  shb_userappl(4)="wiretop"  end  len
 * IDB  1          len  link_type reserved snaplen       if_name(2) if_tsresol(9)=9  end  len
 * EPB  6          len  interface=0 ts_high ts_low captured original data(pad 4)
 *                      opt_comment(1) for each comment, end (when there are options)  len
 * </pre>
 * Timestamps are nanoseconds ({@code if_tsresol} 9), so tcpdump, tshark and Wireshark read the
 * exact stamps; each packet's comments (the process behind it, {@code pid 1234 curl}) are what
 * Wireshark shows as {@code frame.comment}. Blocks go to the disk through {@link RecordBatches}
 * like the pcap writer's records: whole blocks only, so a SIGKILL leaves a readable file.
 */
public final class PcapngWriter implements PacketWriter {
    static final int SHB = 0x0A0D0D0A, IDB = 1, EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0, OPT_COMMENT = 1, IF_NAME = 2, SHB_USERAPPL = 4, IF_TSRESOL = 9;
    private static final int EPB_FIXED = 28;
    private static final byte[] APPLICATION = "wiretop".getBytes(StandardCharsets.UTF_8);

    private final RecordBatches batches;
    private final BlockFiller block = new BlockFiller();

    private PcapngWriter(String name, OutputStream out, boolean closeStream, int linkType, int snaplen,
                         byte[] interfaceName, int flushMillis, int flushPackets) {
        int shbLength = 28 + option(APPLICATION.length) + 4;
        int idbLength = 20 + (interfaceName.length > 0 ? option(interfaceName.length) : 0) + option(1) + 4;
        RecordBatches.Filler header = (v, bytes, at) -> {
            int o = at;
            v.putInt(o, SHB);
            v.putInt(o + 4, shbLength);
            v.putInt(o + 8, BYTE_ORDER_MAGIC);
            v.putShort(o + 12, (short) 1);
            v.putShort(o + 14, (short) 0);
            v.putLong(o + 16, -1L); // section length unknown
            int p = putOption(v, bytes, o + 24, SHB_USERAPPL, APPLICATION, 0, APPLICATION.length);
            p = putEnd(v, p);
            v.putInt(p, shbLength);
            o += shbLength;
            v.putInt(o, IDB);
            v.putInt(o + 4, idbLength);
            v.putShort(o + 8, (short) linkType);
            v.putShort(o + 10, (short) 0);
            v.putInt(o + 12, snaplen);
            p = o + 16;
            if (interfaceName.length > 0) {
                p = putOption(v, bytes, p, IF_NAME, interfaceName, 0, interfaceName.length);
            }
            p = putOption(v, bytes, p, IF_TSRESOL, new byte[] {9}, 0, 1);
            p = putEnd(v, p);
            v.putInt(p, idbLength);
        };
        int largest = EPB_FIXED + pad(Math.max(0, snaplen)) + option(PacketComments.MAX_BYTES)
                + PacketComments.MAX_COMMENTS * 4 + 8;
        this.batches = new RecordBatches(name, out, closeStream, largest, flushMillis, flushPackets, header,
                shbLength + idbLength);
    }

    /**
     * Opens {@code pathOrDash} ("-" = standard output) and writes the section header and the one
     * interface's description at once.
     *
     * @param interfaceName {@code if_name}, or null for none (a copy from a file)
     */
    public static PcapngWriter open(String pathOrDash, int linkType, int snaplen, String interfaceName)
            throws CaptureException {
        return open(pathOrDash, linkType, snaplen, interfaceName, PcapWriter.DEFAULT_FLUSH_MILLIS,
                PcapWriter.DEFAULT_FLUSH_PACKETS);
    }

    /** As {@link #open(String, int, int, String)} with an explicit flush policy (see {@link RecordBatches}). */
    public static PcapngWriter open(String pathOrDash, int linkType, int snaplen, String interfaceName,
                                    int flushMillis, int flushPackets) throws CaptureException {
        OutputStream out = PcapWriter.output(pathOrDash);
        byte[] ifName = interfaceName == null ? new byte[0] : interfaceName.getBytes(StandardCharsets.UTF_8);
        PcapngWriter w = new PcapngWriter(pathOrDash, out, !pathOrDash.equals("-"), linkType, snaplen, ifName,
                flushMillis, flushPackets);
        w.flush();
        return w;
    }

    @Override
    public void write(long epochNanos, int wireLength, byte[] data, int capturedLength, PacketComments comments)
            throws CaptureException {
        if (capturedLength < 0 || capturedLength > data.length) {
            throw new IllegalArgumentException("capturedLength " + capturedLength + " outside 0.." + data.length);
        }
        int options = 0;
        int n = comments == null ? 0 : comments.count();
        for (int i = 0; i < n; i++) {
            options += option(comments.length(i));
        }
        if (n > 0) {
            options += 4; // opt_endofopt
        }
        BlockFiller b = block;
        b.epochNanos = epochNanos;
        b.wireLength = wireLength;
        b.data = data;
        b.capturedLength = capturedLength;
        b.comments = n > 0 ? comments : null;
        b.length = EPB_FIXED + pad(capturedLength) + options + 4;
        batches.append(b.length, b);
        b.data = null;
        b.comments = null;
    }

    /** One Enhanced Packet Block. */
    private static final class BlockFiller implements RecordBatches.Filler {
        long epochNanos;
        int wireLength;
        byte[] data;
        int capturedLength;
        PacketComments comments;
        int length;

        @Override
        public void fill(ByteBuffer v, byte[] bytes, int at) {
            v.putInt(at, EPB);
            v.putInt(at + 4, length);
            v.putInt(at + 8, 0);
            v.putInt(at + 12, (int) (epochNanos >>> 32));
            v.putInt(at + 16, (int) epochNanos);
            v.putInt(at + 20, capturedLength);
            v.putInt(at + 24, Math.max(wireLength, capturedLength));
            System.arraycopy(data, 0, bytes, at + EPB_FIXED, capturedLength);
            int p = at + EPB_FIXED + capturedLength;
            p = zero(bytes, p, pad(capturedLength) - capturedLength);
            if (comments != null) {
                for (int i = 0; i < comments.count(); i++) {
                    p = putOption(v, bytes, p, OPT_COMMENT, comments.bytes(), comments.offset(i), comments.length(i));
                }
                p = putEnd(v, p);
            }
            v.putInt(p, length);
        }
    }

    private static int putOption(ByteBuffer v, byte[] bytes, int at, int code, byte[] src, int off, int len) {
        v.putShort(at, (short) code);
        v.putShort(at + 2, (short) len);
        System.arraycopy(src, off, bytes, at + 4, len);
        return zero(bytes, at + 4 + len, pad(len) - len);
    }

    private static int putEnd(ByteBuffer v, int at) {
        v.putInt(at, OPT_END);
        return at + 4;
    }

    private static int zero(byte[] bytes, int at, int n) {
        for (int i = 0; i < n; i++) {
            bytes[at + i] = 0;
        }
        return at + n;
    }

    private static int option(int valueLength) {
        return 4 + pad(valueLength);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public boolean keepsComments() {
        return true;
    }

    @Override
    public void flush() throws CaptureException {
        batches.flush();
    }

    @Override
    public long written() {
        return batches.written();
    }

    @Override
    public long droppedAfterClose() {
        return batches.droppedAfterClose();
    }

    @Override
    public String name() {
        return batches.name();
    }

    @Override
    public void close() throws CaptureException {
        batches.close();
    }
}
