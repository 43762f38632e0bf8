package org.wiretop.capture;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a classic pcap file through a memory map: several times faster than libpcap through
 * pcap4j, since nothing crosses into native code per packet. Every record length is checked
 * against the file's bound and the bytes left before it sizes or copies anything; a corrupt
 * length stops the run with a {@link CaptureException}, a file cut inside a record ends
 * cleanly with an {@link #endNote()}. Files over 1 GiB are read through a sliding window.
 */
final class MappedPcapSource implements PacketSource {
    /** Window size: far above any record, well below the 2 GiB limit of one ByteBuffer. */
    static final long WINDOW = 1L << 30;

    private final String name;
    private final FileChannel channel;
    private final long fileSize;
    private final PcapFormat format;
    private final int maxRecord;
    private byte[] buf = new byte[2048];
    private MappedByteBuffer window;
    private long windowStart;
    private long windowEnd;
    private long position = PcapFormat.GLOBAL_HEADER;
    private long delivered;
    private String endNote;
    private volatile boolean stopped;

    MappedPcapSource(String name, Path path, PcapFormat format) throws IOException {
        this.name = name;
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
                map(position, PcapFormat.RECORD_HEADER);
                int at = (int) (position - windowStart);
                int seconds = window.getInt(at);
                int fraction = window.getInt(at + 4);
                long caplen = window.getInt(at + 8) & 0xffffffffL;
                int wireLength = window.getInt(at + 12);
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
                map(position, PcapFormat.RECORD_HEADER + len);
                if (buf.length < len) {
                    buf = new byte[Math.max(len, Math.min(maxRecord, buf.length * 2))];
                }
                window.get((int) (position - windowStart) + PcapFormat.RECORD_HEADER, buf, 0, len);
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

    /** Makes [from, from + length) addressable in {@link #window}, remapping when needed. */
    private void map(long from, int length) throws IOException {
        if (window != null && from >= windowStart && from + length <= windowEnd) {
            return;
        }
        long size = Math.min(WINDOW, fileSize - from);
        window = channel.map(FileChannel.MapMode.READ_ONLY, from, size);
        window.order(format.order());
        windowStart = from;
        windowEnd = from + size;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public CaptureStats stats() {
        return new CaptureStats(delivered, delivered, 0, 0);
    }

    @Override
    public String endNote() {
        return endNote;
    }

    @Override
    public String description() {
        return name;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do with a read-only file
        }
        window = null;
    }
}
