package org.wiretop.tui.model;

import java.util.List;

/**
 * What the Transactions view draws: the visible rows (sorted, cut to the cursor's window) and the
 * figures of all the transactions held.
 *
 * @param rows        the visible rows
 * @param total       transactions held
 * @param errors      of which errors
 * @param p50Nanos    median latency of those held (-1 when none)
 * @param slowNanos   rows at or above this latency are highlighted: the p90 of those held (-1: none)
 * @param dropped     older transactions no longer held (the view keeps the newest)
 */
public record TxnModel(List<TxnRow> rows, int total, long errors, long p50Nanos, long slowNanos, long dropped) {
    public static final TxnModel EMPTY = new TxnModel(List.of(), 0, 0, -1, -1, 0);
}
