package org.wiretop.conv;

/**
 * The memory bounds of conversation analysis and reassembly (design §8). The defaults hold a
 * 1 M-packet capture of 65,536 streams well inside 256 MiB: the conversation table grows to at
 * most {@link #conversations} entries (about 170 bytes each with their TCP state, 45 MiB at the
 * limit), the unacknowledged-segment pool to {@link #unackedSegments} nodes (20 bytes each,
 * 20 MiB), and reassembly holds at most {@link #streamHeldBytes} out-of-order bytes a stream and
 * {@link #totalHeldBytes} in all.
 *
 * @param conversations   most conversations remembered at once (the least recently seen closed
 *                        one goes first when full)
 * @param unackedSegments most segments remembered for ACK RTTs, in all conversations
 * @param streamHeldBytes most out-of-order bytes held for one direction of a followed stream
 * @param totalHeldBytes  most out-of-order bytes held for all followed streams together
 */
public record ConversationLimits(int conversations, int unackedSegments, int streamHeldBytes, long totalHeldBytes) {
    public static final ConversationLimits DEFAULT =
            new ConversationLimits(262_144, 1 << 20, 16 << 20, 64L << 20);

    public ConversationLimits {
        if (conversations < 2 || unackedSegments < 0 || streamHeldBytes < 0 || totalHeldBytes < 0) {
            throw new IllegalArgumentException("conversation limits must be positive (conversations >= 2)");
        }
    }
}
