package org.wiretop.capture;

/**
 * A capture file being written: classic pcap ({@link PcapWriter}) or pcapng
 * ({@link PcapngWriter}, which keeps each packet's comments). One thread writes; the capture
 * thread never waits on the disk (see {@link RecordBatches}).
 */
public interface PacketWriter extends AutoCloseable {
    /** Appends one packet; the bytes are copied before this returns. Dropped after close. */
    default void write(long epochNanos, int wireLength, byte[] data, int capturedLength) throws CaptureException {
        write(epochNanos, wireLength, data, capturedLength, null);
    }

    /** Appends one packet with its comments (null or empty: none; a pcap file has no room for them). */
    void write(long epochNanos, int wireLength, byte[] data, int capturedLength, PacketComments comments)
            throws CaptureException;

    /** Whether packets keep their comments in this format. */
    boolean keepsComments();

    /** Hands every waiting record to the disk and returns once they are written. */
    void flush() throws CaptureException;

    /** Records accepted so far. */
    long written();

    /** Records offered after {@link #close()} (a shutdown hook closed while the capture ran on). */
    long droppedAfterClose();

    /** Where the records go: the path, or "-". */
    String name();

    @Override
    void close() throws CaptureException;

    /**
     * Opens {@code pathOrDash} ("-" = standard output) for pcapng when asked or when the name
     * ends in {@code .pcapng}, else classic pcap, and writes the file header at once.
     *
     * @param interfaceName the capture's interface (pcapng's {@code if_name}), or null
     */
    static PacketWriter open(String pathOrDash, boolean pcapng, int linkType, int snaplen, String interfaceName)
            throws CaptureException {
        if (pcapng || (pathOrDash != null && pathOrDash.endsWith(".pcapng"))) {
            return PcapngWriter.open(pathOrDash, linkType, snaplen, interfaceName);
        }
        return PcapWriter.open(pathOrDash, linkType, snaplen);
    }
}
