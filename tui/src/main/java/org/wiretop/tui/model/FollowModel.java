package org.wiretop.tui.model;

import java.util.List;

/**
 * What the Follow view draws: the stream's title, the bytes each side sent, the visible window of
 * its lines and where that window is.
 *
 * @param title   "TCP stream 3  127.0.0.1:40000 > 127.0.0.1:80" (client first), or what went wrong
 * @param client  bytes the client sent (shown so far)
 * @param server  bytes the server sent
 * @param note    what reassembly could not show ("120 bytes held after a gap"), or ""
 * @param lines   the visible lines, from {@code top}
 * @param top     index of the first visible line
 * @param total   lines in all
 * @param hex     lines are a hex dump (else text)
 */
public record FollowModel(String title, long client, long server, String note, List<Line> lines, long top, long total,
                          boolean hex) {
    /**
     * One line of the conversation.
     *
     * @param server true for bytes the server sent
     * @param gap    true for tshark's "[N bytes missing in capture file]"
     */
    public record Line(boolean server, boolean gap, String text) {
    }
}
