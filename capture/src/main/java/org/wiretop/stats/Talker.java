package org.wiretop.stats;

/**
 * One line of a top-talkers list: an IPv4 endpoint ({@code name} its address) or a conversation
 * ({@code "a <-> b"}), with its frames and wire bytes in all and each way (for a conversation,
 * {@code txBytes} is A → B).
 */
public record Talker(String name, long frames, long bytes, long txBytes, long rxBytes) {
}
