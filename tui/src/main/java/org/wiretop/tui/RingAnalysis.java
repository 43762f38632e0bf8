package org.wiretop.tui;

import org.wiretop.conv.AnalysisSlots;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.decode.PacketSummary;
import org.wiretop.txn.Transactions;

/**
 * The conversation analysis of the packets in the ring (stream numbers, TCP expert flags, relative
 * sequence numbers, ACK RTTs, DNS and HTTP transactions), as {@code read} gives a file's: the packets are analysed in ring
 * order, a bounded number per frame, and each one's results are kept beside it (one slot a ring
 * slot), so the rows, the detail and the display filter see them as tshark would. Packets the ring
 * overwrote before they were analysed are skipped and counted (stream numbers then run behind
 * tshark's). UI thread only.
 */
public final class RingAnalysis {
    /** Most packets analysed per frame (5 frames a second: 250,000 packets/s; beyond, packets are skipped). */
    static final int BUDGET = 50_000;
    /** Packets between two looks at the clock (a power of two). */
    private static final int CLOCK_EVERY = 128;

    private final PacketRing ring;
    private final DecodeChoices.Follower decoders;
    private final ConversationAnalyzer analyzer = new ConversationAnalyzer();
    /** The ring's DNS and HTTP transactions, for the Transactions view (and dns.time / http.time on rows). */
    private final RingTransactions transactionRows = new RingTransactions();
    private final Transactions transactions = new Transactions(transactionRows);
    /** Problem flags per connection, for the Connections view. */
    private final ExpertCounts experts = new ExpertCounts();
    private final PacketSummary s = new PacketSummary();
    private final PacketRing.Scratch scratch = new PacketRing.Scratch();
    private final AnalysisSlots slots;
    private long next, skipped;

    public RingAnalysis(PacketRing ring, DecodeChoices choices) {
        this.ring = ring;
        this.decoders = choices.follower();
        this.slots = new AnalysisSlots(ring.capacityPackets());
        next = ring.first();
    }

    public PacketRing ring() {
        return ring;
    }

    /** Packets the ring overwrote before they were analysed. */
    public long skipped() {
        return skipped;
    }

    /** Analyses up to {@link #BUDGET} more packets of the ring; true when it has caught up with it. */
    public boolean advance() {
        return advance(Long.MAX_VALUE);
    }

    /**
     * As {@link #advance()}, stopping early once {@link System#nanoTime()} passes {@code deadline}:
     * the UI analyses on its own thread, and a frame that answers a key must not wait for 50,000
     * packets on a machine whose cores the traffic keeps busy.
     */
    public boolean advance(long deadline) {
        long oldest = ring.first();
        if (next < oldest) {
            skipped += oldest - next;
            next = oldest;
        }
        long stop = Math.min(ring.end(), next + BUDGET);
        for (; next < stop; next++) {
            if ((next & (CLOCK_EVERY - 1)) == 0 && System.nanoTime() - deadline > 0) {
                break;
            }
            if (!ring.readInto(next, scratch)) {
                skipped++;
                continue;
            }
            s.frameNumber = next + 1;
            s.epochNanos = scratch.epochNanos;
            decoders.decoder().decode(ring.linkType(), scratch.data, scratch.length, scratch.wireLength, s);
            analyzer.analyze(s);
            transactions.analyze(s);
            experts.count(s);
            slots.save(slot(next), s);
        }
        return next >= ring.end();
    }

    /** Gives a freshly decoded packet {@code seq} its analysis, when it was analysed (else leaves it without). */
    public void apply(long seq, PacketSummary p) {
        if (seq >= next || seq < ring.first()) {
            return;
        }
        slots.restore(slot(seq), p);
    }

    /** Problem flags counted per connection so far. */
    public ExpertCounts experts() {
        return experts;
    }

    /** The transactions found so far. */
    public RingTransactions transactions() {
        return transactionRows;
    }

    private int slot(long seq) {
        return (int) (seq % slots.slots());
    }
}
