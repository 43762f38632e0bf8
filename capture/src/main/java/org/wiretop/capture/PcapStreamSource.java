package org.wiretop.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads a classic pcap stream (standard input: {@code tcpdump -w - | wiretop read -}) record by
 * record, handing each packet on as soon as its last byte arrived, so a live pipe stays live.
 * Lengths are validated before they size anything, as in {@link PcapFileSource}.
 * {@link #stop()} takes effect when the next record arrives or the stream ends (a blocked read
 * on a pipe cannot be woken).
 */
final class PcapStreamSource extends RecordSource {
    private final InputStream in;
    private final PcapFormat format;
    private final int maxRecord;
    private final byte[] header = new byte[PcapFormat.RECORD_HEADER];
    private final ByteBuffer headerView;
    private byte[] buf = new byte[2048];

    private PcapStreamSource(String name, InputStream in, PcapFormat format) {
        super(name);
        this.in = in;
        this.format = format;
        this.maxRecord = format.maxRecord();
        this.headerView = ByteBuffer.wrap(header).order(format.order());
    }

    /**
     * Reads the global header (blocks until it arrives) and returns a source for the records.
     * {@link FileOpener#openStream} decides between this and {@link PcapngStreamSource}.
     */
    static PcapStreamSource open(String name, InputStream raw) throws CaptureException {
        InputStream in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
        byte[] global = new byte[PcapFormat.GLOBAL_HEADER];
        int got;
        try {
            got = in.readNBytes(global, 0, global.length);
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot read: " + e.getMessage(), false, e);
        }
        if (got == 0) {
            throw new CaptureException(name + ": no data: expected a pcap or pcapng stream (e.g. from 'tcpdump -w -')", true);
        }
        PcapFormat format = got == global.length ? PcapFormat.parse(global) : null;
        if (format == null) {
            throw new CaptureException(name + ": not a pcap stream (neither a pcap nor a pcapng header): pipe in the output"
                    + " of 'tcpdump -w -', 'dumpcap -w -' or 'wiretop capture -w -'", true);
        }
        return new PcapStreamSource(name, in, format);
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
                int got = in.readNBytes(header, 0, header.length);
                if (got < header.length) {
                    if (got > 0) {
                        endNote = PcapFormat.truncated(name, delivered + 1, header.length, got, delivered);
                    }
                    break;
                }
                long caplen = headerView.getInt(8) & 0xffffffffL;
                if (caplen > maxRecord) {
                    throw new CaptureException(PcapFormat.corrupt(name, delivered + 1, caplen, delivered), false);
                }
                int len = (int) caplen;
                if (buf.length < len) {
                    buf = new byte[Math.max(len, Math.min(maxRecord, buf.length * 2))];
                }
                got = in.readNBytes(buf, 0, len);
                if (got < len) {
                    endNote = PcapFormat.truncated(name, delivered + 1, len, got, delivered);
                    break;
                }
                delivered++;
                handler.onPacket(format.epochNanos(headerView.getInt(0), headerView.getInt(4)), headerView.getInt(12), buf, len);
            }
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot read: " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            throw HandlerFailure.rethrow(e);
        }
        return delivered - before;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // the stream is finished either way
        }
    }
}
