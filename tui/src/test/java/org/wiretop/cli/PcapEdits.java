package org.wiretop.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Damages a recorded capture the way networks do, for the expert-analysis tests: drops a packet,
 * duplicates one further on, swaps two, or shrinks a TCP segment's window (to 0 or a small value);
 * or makes a fast retransmission or an out-of-order segment on purpose.
 * Packets keep their slots' timestamps (time still runs forward; a duplicate has the time of the
 * packet before it), so the capture looks as if the network, not the clock, did it. Reads and
 * writes the little-endian pcap that {@code wiretop capture -w} writes.
 */
final class PcapEdits {
    private record Rec(long sec, long frac, byte[] data, int wireLength) {
    }

    private final byte[] header;
    private final int linkType;
    private final List<Rec> records = new ArrayList<>();

    PcapEdits(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        header = new byte[24];
        b.get(header);
        linkType = ByteBuffer.wrap(header, 20, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        while (b.remaining() >= 16) {
            long sec = b.getInt() & 0xffffffffL, frac = b.getInt() & 0xffffffffL;
            int caplen = b.getInt(), wire = b.getInt();
            byte[] data = new byte[caplen];
            b.get(data);
            records.add(new Rec(sec, frac, data, wire));
        }
    }

    int size() {
        return records.size();
    }

    /** A random damage of 1 to 4 edits; returns the edits in words, for the failure message. */
    String randomDamage(Random random) {
        StringBuilder words = new StringBuilder();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && records.size() > 4; i++) {
            int a = random.nextInt(records.size());
            switch (random.nextInt(5)) {
                case 0:
                    records.remove(a);
                    words.append(" drop ").append(a + 1);
                    break;
                case 1: {
                    int at = Math.min(records.size() - 1, a + random.nextInt(7));
                    duplicate(a, at);
                    words.append(" dup ").append(a + 1).append("@").append(at + 1);
                    break;
                }
                case 2: {
                    int b = Math.min(records.size() - 1, a + 1 + random.nextInt(3));
                    swap(a, b);
                    words.append(" swap ").append(a + 1).append(",").append(b + 1);
                    break;
                }
                default: {
                    int window = random.nextBoolean() ? 0 : 1 + random.nextInt(100);
                    window(a, window);
                    words.append(" win ").append(a + 1).append("=").append(window);
                    break;
                }
            }
        }
        return words.toString().strip();
    }

    /**
     * A fast retransmission as the sender's capture shows one when a data segment is lost after
     * the capture point: the receiver's next three ACKs acknowledge only up to that segment (the
     * last two are duplicate ACKs) and the sender sends it again right after them. Picks a data
     * segment followed by three pure ACKs of the other side; falls back to a random damage when
     * the capture has none.
     */
    String fastRetransmission(Random random) {
        List<int[]> candidates = new ArrayList<>(); // {data index, ack1, ack2, ack3}
        PacketSummary[] s = new PacketSummary[records.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = decode(i);
        }
        for (int i = 0; i < s.length; i++) {
            if (!s[i].has(PacketSummary.TCP) || s[i].tcpPayloadLength <= 0) {
                continue;
            }
            int[] found = {i, -1, -1, -1};
            int n = 1;
            for (int j = i + 1; j < s.length && n < 4; j++) {
                if (reverse(s[i], s[j]) && s[j].tcpPayloadLength == 0
                        && (s[j].tcpFlags & (PacketSummary.SYN | PacketSummary.FIN | PacketSummary.RST)) == 0) {
                    found[n++] = j;
                }
            }
            if (n == 4) {
                candidates.add(found);
            }
        }
        if (candidates.isEmpty()) {
            return randomDamage(random);
        }
        int[] c = candidates.get(random.nextInt(candidates.size()));
        long seq = s[c[0]].tcpSeq;
        int window = s[c[1]].tcpWindow;
        for (int k = 1; k <= 3; k++) {
            byte[] d = records.get(c[k]).data;
            int t = s[c[k]].transportOffset;
            for (int b = 0; b < 4; b++) {
                d[t + 8 + b] = (byte) (seq >>> (24 - 8 * b));
            }
            d[t + 14] = (byte) (window >>> 8);
            d[t + 15] = (byte) window;
        }
        duplicate(c[0], c[3]);
        return "segment " + (c[0] + 1) + " lost: packets " + (c[1] + 1) + "," + (c[2] + 1) + "," + (c[3] + 1)
                + " acknowledge up to it, then it is sent again";
    }

    /**
     * An out-of-order segment as tshark flags one: two back-to-back data segments of one direction,
     * the second first, arriving at the same instant (tshark's threshold is the handshake's RTT,
     * which a loaded machine's recording may not give by itself). Falls back to a random damage.
     */
    String outOfOrder(Random random) {
        List<Integer> candidates = new ArrayList<>();
        PacketSummary previous = decode(0);
        for (int i = 0; i + 1 < records.size(); i++) {
            PacketSummary next = decode(i + 1);
            if (previous.has(PacketSummary.TCP) && previous.tcpPayloadLength > 0 && next.has(PacketSummary.TCP)
                    && next.tcpPayloadLength > 0 && next.srcPort == previous.srcPort && next.dstPort == previous.dstPort
                    && next.tcpSeq == ((previous.tcpSeq + previous.tcpPayloadLength) & 0xFFFFFFFFL)) {
                candidates.add(i);
            }
            previous = next;
        }
        if (candidates.isEmpty()) {
            return randomDamage(random);
        }
        int i = candidates.get(random.nextInt(candidates.size()));
        swap(i, i + 1);
        Rec first = records.get(i), second = records.get(i + 1);
        records.set(i + 1, new Rec(first.sec, first.frac, second.data, second.wireLength));
        return "segments " + (i + 1) + "," + (i + 2) + " swapped, arriving together";
    }

    private PacketSummary decode(int index) {
        Rec r = records.get(index);
        PacketSummary s = new PacketSummary();
        new Decoder().decode(linkType, r.data, r.data.length, r.wireLength, s);
        return s;
    }

    /** True when {@code b} goes the other way of {@code a}'s TCP conversation. */
    private static boolean reverse(PacketSummary a, PacketSummary b) {
        return b.has(PacketSummary.TCP) && a.srcPort == b.dstPort && a.dstPort == b.srcPort
                && a.ip4Src == b.ip4Dst && a.ip4Dst == b.ip4Src && a.ip6SrcLo == b.ip6DstLo && a.ip6DstLo == b.ip6SrcLo;
    }

    /** Inserts a copy of packet {@code index} after packet {@code after}. */
    void duplicate(int index, int after) {
        Rec slot = records.get(after);
        Rec copy = records.get(index);
        records.add(after + 1, new Rec(slot.sec, slot.frac, copy.data.clone(), copy.wireLength));
    }

    /** Exchanges the contents of two packets, leaving the timestamps in place. */
    void swap(int i, int j) {
        Rec a = records.get(i), b = records.get(j);
        records.set(i, new Rec(a.sec, a.frac, b.data, b.wireLength));
        records.set(j, new Rec(b.sec, b.frac, a.data, a.wireLength));
    }

    /** Sets a TCP segment's window field (anything else is left alone). */
    void window(int index, int value) {
        byte[] data = records.get(index).data;
        PacketSummary s = decode(index);
        if (s.has(PacketSummary.TCP) && s.transportOffset >= 0 && s.transportOffset + 16 <= data.length) {
            data[s.transportOffset + 14] = (byte) (value >>> 8);
            data[s.transportOffset + 15] = (byte) value;
        }
    }

    void write(Path out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header);
        for (Rec r : records) {
            ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt((int) r.sec).putInt((int) r.frac).putInt(r.data.length).putInt(r.wireLength);
            bytes.writeBytes(h.array());
            bytes.writeBytes(r.data);
        }
        Files.write(out, bytes.toByteArray());
    }

    @Override
    public String toString() {
        return records.size() + " packets, link type " + linkType + ", header " + Arrays.toString(Arrays.copyOf(header, 4));
    }
}
