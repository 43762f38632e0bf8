package org.wiretop.tui.model;

/**
 * One line of the Packets list, already in words.
 *
 * @param number      frame number
 * @param time        capture time as text
 * @param source      source address (and port)
 * @param destination destination address (and port)
 * @param protocol    protocol name shown and used for the row colour ("TCP", "UDP", "ARP", ...)
 * @param length      wire length
 * @param info        tcpdump's words for the packet
 * @param mark        decode status (OK, TRUNCATED, INVALID), or EXPERT: decoded well, with a TCP problem
 *                    flag (Wireshark's "Bad TCP" rule: any expert flag but window update and keep-alive)
 */
public record PacketRow(long number, String time, String source, String destination, String protocol,
                        int length, String info, Mark mark) {
    /** How well the packet decoded. */
    public enum Mark { OK, TRUNCATED, INVALID, EXPERT }
}
