package org.wiretop.decode;

/**
 * Entry point of the decoder: dispatches on the capture's link type and fills a reused
 * {@link PacketSummary}. Never throws on any input; never allocates per packet.
 * (Placeholder signature: the decoder implementation fills this in.)
 */
public final class Decoder {
    /**
     * Decodes {@code data[0, capturedLength)}. {@code out} is cleared first; frame fields
     * (length, captured length, link type) are set here, number and time by the caller.
     */
    public void decode(int linkType, byte[] data, int capturedLength, int wireLength, PacketSummary out) {
        out.clear();
        out.linkType = linkType;
        out.capturedLength = capturedLength;
        out.wireLength = wireLength;
        out.status = Status.UNSUPPORTED;
    }
}
