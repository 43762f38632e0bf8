package org.wiretop.tui.model;

import java.util.List;

/**
 * A packet opened in depth: its layers (ours first, then pcap4j's for what ours does not cover)
 * and its bytes for the hex dump.
 *
 * @param title  one line naming the packet ("Frame 12: 74 bytes on wire, 74 captured")
 * @param layers the layer tree
 * @param data   the captured bytes
 */
public record DetailModel(String title, List<Layer> layers, byte[] data) {
    /**
     * One layer: a title line, its fields, and the bytes it covers {@code [from, to)} in
     * {@link DetailModel#data} (empty range when unknown).
     */
    public record Layer(String title, List<String> fields, int from, int to) {
    }
}
