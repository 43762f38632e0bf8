package org.wiretop.capture;

/**
 * Where packets come from: a live interface, a pcap/pcapng file or a pcap stream.
 * One thread calls {@link #run}; any thread may call {@link #stop}.
 */
public interface PacketSource extends AutoCloseable {
    /** The link-layer type (DLT_* value, e.g. 1 = EN10MB, 113 = LINUX_SLL, 276 = LINUX_SLL2). */
    int linkType();

    /** Snapshot length: the most bytes of a packet that are kept. */
    int snaplen();

    /**
     * Delivers packets to the handler until {@code maxPackets} were delivered (0 = no limit),
     * the input ends, or {@link #stop()} is called. Returns the number delivered.
     */
    long run(PacketHandler handler, long maxPackets) throws CaptureException;

    /** Makes {@link #run} return soon, even when no packet arrives. Thread-safe. */
    void stop();

    /** Counters so far (live sources: libpcap's pcap_stats; files: packets read). */
    CaptureStats stats();

    /**
     * After {@link #run} returned: a note on how the input ended when the user should know
     * (a file cut short inside a record), or null. Printed on stderr; not an error.
     */
    default String endNote() {
        return null;
    }

    /**
     * The comments of the packet being handed to the handler (pcapng {@code opt_comment}), or null
     * when this source has none to give. Valid only during {@link PacketHandler#onPacket}.
     */
    default PacketComments comments() {
        return null;
    }

    /** Human-readable origin: "lo", "any", "file.pcap", "-" (stdin). */
    String description();

    @Override
    void close();
}
