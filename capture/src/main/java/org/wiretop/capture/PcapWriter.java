package org.wiretop.capture;

/**
 * Writes classic pcap to a file or standard output. (PLACEHOLDER — the capture I/O work fills this in.)
 */
public final class PcapWriter implements AutoCloseable {
    /** Opens {@code pathOrDash} ("-" = standard output) and writes the global header. */
    public static PcapWriter open(String pathOrDash, int linkType, int snaplen) throws CaptureException {
        throw new CaptureException("pcap writing is not built yet", false);
    }

    /** Appends one record; the bytes are copied before this returns. */
    public void write(long epochNanos, int wireLength, byte[] data, int capturedLength) throws CaptureException {
        throw new CaptureException("pcap writing is not built yet", false);
    }

    /** Pushes buffered records to the file so a reader (or a SIGKILL) sees them. */
    public void flush() throws CaptureException {
    }

    @Override
    public void close() throws CaptureException {
    }
}
