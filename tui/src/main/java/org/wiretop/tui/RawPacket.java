package org.wiretop.tui;

/**
 * One packet copied out of the {@link PacketRing}: its own bytes, safe to keep on any thread.
 *
 * @param seq        ring sequence number (frame number - 1)
 * @param epochNanos capture time
 * @param wireLength length on the wire
 * @param linkType   DLT of the capture
 * @param data       the captured bytes (length = captured length)
 * @param comments   the packet's comments (a pcapng file's {@code opt_comment}), usually none
 */
public record RawPacket(long seq, long epochNanos, int wireLength, int linkType, byte[] data,
                        java.util.List<String> comments) {
    public RawPacket(long seq, long epochNanos, int wireLength, int linkType, byte[] data) {
        this(seq, epochNanos, wireLength, linkType, data, java.util.List.of());
    }

    public long frameNumber() {
        return seq + 1;
    }
}
