package org.wiretop.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * IPv4 endpoints as {@code tshark -q -z endpoints,ip} counts them: each IPv4 packet is sent by its
 * source and received by its destination, frames and wire bytes each way. A table of fixed
 * capacity (open addressing over preallocated arrays, entries in the order first seen); an address
 * that finds it full is counted in {@link #packetsNotCounted()}. Single writer.
 */
public final class Ipv4Endpoints {
    private final int capacity;
    /** Hash slot → entry + 1 (0 = empty). */
    private final int[] slots;
    private final int[] address;
    private final long[] txFrames, txBytes, rxFrames, rxBytes;
    private int size;
    private long packetsNotCounted;

    public Ipv4Endpoints(int capacity) {
        this.capacity = capacity;
        this.slots = new int[Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2];
        this.address = new int[capacity];
        this.txFrames = new long[capacity];
        this.txBytes = new long[capacity];
        this.rxFrames = new long[capacity];
        this.rxBytes = new long[capacity];
    }

    /** One packet from {@code src} to {@code dst} of {@code wireLength} bytes. Allocates nothing. */
    public void add(int src, int dst, int wireLength) {
        int from = entry(src);
        if (from >= 0) {
            txFrames[from]++;
            txBytes[from] += wireLength;
        }
        int to = entry(dst);
        if (to >= 0) {
            rxFrames[to]++;
            rxBytes[to] += wireLength;
        }
        if (from < 0 || to < 0) {
            packetsNotCounted++;
        }
    }

    private int entry(int addr) {
        int mask = slots.length - 1;
        for (int i = Hashing.mix(addr) & mask; ; i = (i + 1) & mask) {
            int e = slots[i] - 1;
            if (e < 0) {
                if (size == capacity) {
                    return -1;
                }
                address[size] = addr;
                slots[i] = size + 1;
                return size++;
            }
            if (address[e] == addr) {
                return e;
            }
        }
    }

    public int size() {
        return size;
    }

    /** Packets with an end that found the table full (that end not counted). */
    public long packetsNotCounted() {
        return packetsNotCounted;
    }

    /** The {@code n} endpoints with the most bytes (both ways), most first. */
    public java.util.List<Talker> topByBytes(int n) {
        Integer[] order = entries();
        Arrays.sort(order, Comparator.comparingLong((Integer e) -> txBytes[e] + rxBytes[e]).reversed());
        java.util.List<Talker> out = new java.util.ArrayList<>(Math.min(n, order.length));
        for (int i = 0; i < order.length && i < n; i++) {
            int e = order[i];
            out.add(new Talker(Ipv4Text.of(address[e]), txFrames[e] + rxFrames[e], txBytes[e] + rxBytes[e],
                    txBytes[e], rxBytes[e]));
        }
        return out;
    }

    /** tshark's table, busiest (most frames) first, ties in the order first seen. */
    public void appendTo(StringBuilder out) {
        out.append("================================================================================\n");
        out.append("IPv4 Endpoints\n");
        out.append("Filter:<No Filter>\n");
        out.append("                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n");
        for (int e : byFramesDescending()) {
            Columns.left(out, Ipv4Text.of(address[e]), 20);
            out.append("      ");
            Columns.right(out, txFrames[e] + rxFrames[e], 6);
            out.append("     ");
            Columns.right(out, txBytes[e] + rxBytes[e], 9);
            out.append("     ");
            Columns.right(out, txFrames[e], 6);
            out.append("       ");
            Columns.right(out, txBytes[e], 9);
            out.append("      ");
            Columns.right(out, rxFrames[e], 6);
            out.append("       ");
            Columns.right(out, rxBytes[e], 9);
            out.append("   \n");
        }
        if (packetsNotCounted > 0) {
            out.append(packetsNotCounted).append(" more packets not counted (more than ").append(capacity)
                    .append(" endpoints)\n");
        }
        out.append("================================================================================\n");
    }

    private int[] byFramesDescending() {
        Integer[] order = entries();
        Arrays.sort(order, Comparator.comparingLong((Integer e) -> txFrames[e] + rxFrames[e]).reversed());
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private Integer[] entries() {
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        return order;
    }
}
