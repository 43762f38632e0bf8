package org.wiretop.cli;

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
    private final int size;
    private final int[] tcpStream, udpStream, flags, dupAck, txnKind;
    private final long[] relSeq, relAck, ackRtt, txnTime, txnRequest;
    private long head, tail;

    /** @param packets most packets held at once (one more is in flight while offered) */
    HeldAnalysis(int packets) {
        size = packets + 2;
        tcpStream = new int[size];
        udpStream = new int[size];
        flags = new int[size];
        dupAck = new int[size];
        relSeq = new long[size];
        relAck = new long[size];
        ackRtt = new long[size];
        txnKind = new int[size];
        txnTime = new long[size];
        txnRequest = new long[size];
    }

    /** Capture thread: the analysed packet about to be offered. */
    void push(PacketSummary s) {
        int i = (int) (tail % size);
        tcpStream[i] = s.tcpStream;
        udpStream[i] = s.udpStream;
        flags[i] = s.tcpAnalysis;
        dupAck[i] = s.tcpDupAckNum;
        relSeq[i] = s.tcpRelSeq;
        relAck[i] = s.tcpRelAck;
        ackRtt[i] = s.tcpAckRttNanos;
        txnKind[i] = s.txnKind;
        txnTime[i] = s.txnTimeNanos;
        txnRequest[i] = s.txnRequestFrame;
        tail++;
    }

    /** At each emit, in order: gives the packet decoded again its analysis ({@code into} null: only drops it). */
    void pop(PacketSummary into) {
        if (head == tail) {
            return;
        }
        int i = (int) (head % size);
        head++;
        if (into != null) {
            into.tcpStream = tcpStream[i];
            into.udpStream = udpStream[i];
            into.tcpAnalysis = flags[i];
            into.tcpDupAckNum = dupAck[i];
            into.tcpRelSeq = relSeq[i];
            into.tcpRelAck = relAck[i];
            into.tcpAckRttNanos = ackRtt[i];
            into.txnKind = txnKind[i];
            into.txnTimeNanos = txnTime[i];
            into.txnRequestFrame = txnRequest[i];
        }
    }
}
