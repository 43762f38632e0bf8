package org.wiretop.capture;

import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes classic pcap with nanosecond timestamps (magic a1b23c4d, little-endian) to a file or
 * standard output ("-"); tcpdump, tshark and Wireshark read it with the exact stamps. The
 * records go to the disk through {@link RecordBatches}: the capture thread only copies them.
 */
public final class PcapWriter implements PacketWriter {
    public static final int DEFAULT_FLUSH_MILLIS = 100;
    public static final int DEFAULT_FLUSH_PACKETS = 1024;
    private static final int VERSION_MAJOR = 2;
    private static final int VERSION_MINOR = 4;

    private final RecordBatches batches;
    // The record being appended (single writer), read by fill() inside append().
    private final RecordFiller record = new RecordFiller();

    private PcapWriter(String name, OutputStream out, boolean closeStream, int linkType, int snaplen,
                       int flushMillis, int flushPackets) {
        RecordBatches.Filler header = (v, bytes, at) -> {
            v.putInt(at, PcapFormat.MAGIC_NANO);
            v.putShort(at + 4, (short) VERSION_MAJOR);
            v.putShort(at + 6, (short) VERSION_MINOR);
            v.putInt(at + 8, 0);   // thiszone: stamps are UTC
            v.putInt(at + 12, 0);  // sigfigs
            v.putInt(at + 16, snaplen);
            v.putInt(at + 20, linkType);
        };
        this.batches = new RecordBatches(name, out, closeStream, PcapFormat.RECORD_HEADER + Math.max(0, snaplen),
                flushMillis, flushPackets, header, PcapFormat.GLOBAL_HEADER);
    }

    /** Opens {@code pathOrDash} ("-" = standard output) and writes the global header. */
    public static PcapWriter open(String pathOrDash, int linkType, int snaplen) throws CaptureException {
        return open(pathOrDash, linkType, snaplen, DEFAULT_FLUSH_MILLIS, DEFAULT_FLUSH_PACKETS);
    }

    /**
     * Opens with an explicit flush policy: hand records to the disk every {@code flushPackets}
     * records and at least every {@code flushMillis} ms while records wait.
     */
    public static PcapWriter open(String pathOrDash, int linkType, int snaplen, int flushMillis, int flushPackets)
            throws CaptureException {
        OutputStream out = output(pathOrDash);
        PcapWriter w = new PcapWriter(pathOrDash, out, !pathOrDash.equals("-"), linkType, snaplen, flushMillis,
                flushPackets);
        w.flush(); // the header at once: a reader of the pipe learns the link type before any packet
        return w;
    }

    /** Standard output for "-", else the file created; one actionable line when it cannot be. */
    static OutputStream output(String pathOrDash) throws CaptureException {
        if (pathOrDash == null || pathOrDash.isEmpty()) {
            throw new CaptureException("no output file given: name one with -w, or - for standard output", true);
        }
        if (pathOrDash.equals("-")) {
            return new FileOutputStream(FileDescriptor.out);
        }
        try {
            return new FileOutputStream(pathOrDash);
        } catch (FileNotFoundException e) {
            // The JDK puts the reason in the message: "x.pcap (Permission denied)".
            String m = String.valueOf(e.getMessage());
            int paren = m.lastIndexOf('(');
            String reason = paren >= 0 && m.endsWith(")") ? m.substring(paren + 1, m.length() - 1) : m;
            throw new CaptureException("cannot write " + pathOrDash + ": " + reason, true, e);
        }
    }

    @Override
    public void write(long epochNanos, int wireLength, byte[] data, int capturedLength, PacketComments comments)
            throws CaptureException {
        if (capturedLength < 0 || capturedLength > data.length) {
            throw new IllegalArgumentException("capturedLength " + capturedLength + " outside 0.." + data.length);
        }
        RecordFiller r = record;
        r.epochNanos = epochNanos;
        r.wireLength = wireLength;
        r.data = data;
        r.capturedLength = capturedLength;
        batches.append(PcapFormat.RECORD_HEADER + capturedLength, r);
        r.data = null;
    }

    /** ts_sec, ts_nsec, incl_len, orig_len, data. */
    private static final class RecordFiller implements RecordBatches.Filler {
        long epochNanos;
        int wireLength;
        byte[] data;
        int capturedLength;

        @Override
        public void fill(ByteBuffer v, byte[] bytes, int at) {
            v.putInt(at, (int) Math.floorDiv(epochNanos, 1_000_000_000L));
            v.putInt(at + 4, (int) Math.floorMod(epochNanos, 1_000_000_000L));
            v.putInt(at + 8, capturedLength);
            v.putInt(at + 12, Math.max(wireLength, capturedLength));
            System.arraycopy(data, 0, bytes, at + PcapFormat.RECORD_HEADER, capturedLength);
        }
    }

    @Override
    public boolean keepsComments() {
        return false;
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
