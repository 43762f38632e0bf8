package org.wiretop.cli;

import org.wiretop.conv.AnalysisSlots;
import org.wiretop.decode.PacketSummary;

/**
 * The conversation analysis (stream numbers, expert flags, relative sequence numbers, ACK RTT, transaction times) of
 * the packets {@link HeldPackets} holds, in the same order: a held packet is decoded again when it
 * leaves, and the analysis, which needs every packet in capture order, cannot be run again then.
 * The printer {@link #push}es each packet's results before offering it and {@link #pop}s one at
 * each emit, held or not. Plain fields suffice: a push happens before the packet enters the hold
 * (under its lock, which the releaser takes too), and the capture thread emits without the lock
 * only once the releaser has published that nothing is held. Storage allocated once.
 */
final class HeldAnalysis {
    private final AnalysisSlots slots;
    private long head, tail;

    /** @param packets most packets held at once (one more is in flight while offered) */
    HeldAnalysis(int packets) {
        slots = new AnalysisSlots(packets + 2);
    }

    /** Capture thread: the analysed packet about to be offered. */
    void push(PacketSummary s) {
        slots.save((int) (tail % slots.slots()), s);
        tail++;
    }

    /** At each emit, in order: gives the packet decoded again its analysis ({@code into} null: only drops it). */
    void pop(PacketSummary into) {
        if (head == tail) {
            return;
        }
        int i = (int) (head % slots.slots());
        head++;
        if (into != null) {
            slots.restore(i, into);
        }
    }
}
