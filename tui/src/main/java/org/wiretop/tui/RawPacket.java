package org.wiretop.tui;

/**
 * One packet copied out of the {@link PacketRing}: its own bytes, safe to keep on any thread.
 *
 * @param seq        ring sequence number (frame number - 1)
 * @param epochNanos capture time
 * @param wireLength length on the wire
 * @param linkType   DLT of the capture
 * @param data       the captured bytes (length = captured length)
 */
public record RawPacket(long seq, long epochNanos, int wireLength, int linkType, byte[] data) {
    public long frameNumber() {
        return seq + 1;
    }
}
