package org.wiretop.conv;

/**
 * Where a followed stream's reassembled bytes go, chunk by chunk, in the order tshark's "Follow
 * Stream" lists them (its {@code -z follow} output has one entry a chunk). The bytes are valid
 * only during the call (they may point into the packet being read).
 */
public interface FollowSink {
    /**
     * A chunk of the stream.
     *
     * @param server true for bytes the server sent (the side that did not send the first packet)
     * @param gap    true when the chunk stands for bytes missing from the capture: its text is
     *               tshark's {@code [N bytes missing in capture file]} followed by a NUL byte
     */
    void chunk(boolean server, byte[] data, int offset, int length, boolean gap);
}
