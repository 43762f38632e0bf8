package org.wiretop.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a classic pcap file in large chunks (one positional read per MiB) and walks the records
 * inside a heap buffer: several times faster than libpcap through pcap4j, since nothing crosses
 * into native code per packet. (Plain reads beat a memory map here: a map pays a page fault
 * per few pages and copies out of uncached memory per packet.)
 * Every record length is checked against the file's bound and the bytes left before it sizes or
 * copies anything; a corrupt length stops the run with a {@link CaptureException}, a file cut
 * inside a record ends cleanly with an {@link #endNote()}.
 */
final class PcapFileSource extends RecordSource {
    /** Bytes read per system call; grown only for a record larger than this. */
    static final int CHUNK = 1 << 20;

    private final FileChannel channel;
    private final long fileSize;
    private final PcapFormat format;
    private final int maxRecord;
    private byte[] buf = new byte[2048];
    /** File bytes [chunkStart, chunkStart + chunkFill) are in {@link #chunk}: a direct buffer, so
     *  the kernel copies into it with no bounce through a temporary one. */
    private ByteBuffer chunk;
    private long chunkStart;
    private int chunkFill;
    private long position = PcapFormat.GLOBAL_HEADER;

    PcapFileSource(String name, Path path, PcapFormat format) throws IOException {
        super(name);
        this.format = format;
        this.maxRecord = format.maxRecord();
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.fileSize = channel.size();
    }

    @Override
    public int linkType() {
        return format.linkType();
    }

    @Override
    public int snaplen() {
        return format.snaplen();
    }

    @Override
    public long run(PacketHandler handler, long maxPackets) throws CaptureException {
        long before = delivered;
        try {
            while (!stopped && (maxPackets <= 0 || delivered - before < maxPackets)) {
                long left = fileSize - position;
                if (left < PcapFormat.RECORD_HEADER) {
                    if (left > 0) {
                        endNote = PcapFormat.truncated(name, delivered + 1, PcapFormat.RECORD_HEADER, left, delivered);
                        position = fileSize;
                    }
                    break;
                }
                load(position, PcapFormat.RECORD_HEADER);
                ByteBuffer view = chunk;
                int at = (int) (position - chunkStart);
                int seconds = view.getInt(at);
                int fraction = view.getInt(at + 4);
                long caplen = view.getInt(at + 8) & 0xffffffffL;
                int wireLength = view.getInt(at + 12);
                if (caplen > maxRecord) {
                    throw new CaptureException(PcapFormat.corrupt(name, delivered + 1, caplen, delivered), false);
                }
                long recordEnd = position + PcapFormat.RECORD_HEADER + caplen;
                if (recordEnd > fileSize) {
                    endNote = PcapFormat.truncated(name, delivered + 1, caplen, left - PcapFormat.RECORD_HEADER, delivered);
                    position = fileSize;
                    break;
                }
                int len = (int) caplen;
                load(position, PcapFormat.RECORD_HEADER + len);
                if (buf.length < len) {
                    buf = new byte[Math.max(len, Math.min(maxRecord, buf.length * 2))];
                }
                chunk.get((int) (position - chunkStart) + PcapFormat.RECORD_HEADER, buf, 0, len);
                position = recordEnd;
                delivered++;
                handler.onPacket(format.epochNanos(seconds, fraction), wireLength, buf, len);
            }
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot read: " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            throw HandlerFailure.rethrow(e);
        }
        return delivered - before;
    }

    /**
     * Makes file bytes [from, from + length) present in {@link #chunk}, reading on when needed.
     * The caller has checked that they lie inside the file.
     */
    private void load(long from, int length) throws IOException {
        if (chunk != null && from >= chunkStart && from + length <= chunkStart + chunkFill) {
            return;
        }
        int kept = 0;
        if (chunk == null || chunk.capacity() < length) {
            ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(CHUNK, length)).order(format.order());
            kept = keep(from, larger);
            chunk = larger;
        } else {
            kept = keep(from, chunk);
        }
        chunkStart = from;
        chunkFill = kept;
        ByteBuffer into = chunk.duplicate().clear().position(kept);
        while (chunkFill < length) {
            int n = channel.read(into, from + chunkFill);
            if (n < 0) {
                throw new IOException("the file shrank while it was read");
            }
            chunkFill += n;
        }
    }

    /** Moves the bytes already read from {@code from} on (usually a partial record) to the start of {@code into}. */
    private int keep(long from, ByteBuffer into) {
        if (chunk == null || from < chunkStart || from >= chunkStart + chunkFill) {
            return 0;
        }
        int kept = (int) (chunkStart + chunkFill - from);
        into.put(0, chunk, (int) (from - chunkStart), kept);
        return kept;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do with a read-only file
        }
        chunk = null;
    }
}
