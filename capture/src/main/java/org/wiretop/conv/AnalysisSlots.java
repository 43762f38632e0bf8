package org.wiretop.conv;

import org.wiretop.decode.PacketSummary;

/**
 * A fixed number of slots, each holding what the conversation analysis gave one packet (stream
 * numbers, TCP expert flags and duplicate-ACK number, relative sequence numbers, ACK RTT,
 * transaction kind, time and request frame), for callers that decode a packet again later and
 * cannot analyse it again then (the analysis needs every packet once, in capture order): the UI's
 * ring and {@code capture}'s hold. One array a field, allocated once; the caller picks the slot.
 */
public final class AnalysisSlots {
    private final int[] tcpStream, udpStream, flags, dupAck, txnKind;
    private final long[] relSeq, relAck, ackRtt, txnTime, txnRequest;

    public AnalysisSlots(int slots) {
        tcpStream = new int[slots];
        udpStream = new int[slots];
        flags = new int[slots];
        dupAck = new int[slots];
        txnKind = new int[slots];
        relSeq = new long[slots];
        relAck = new long[slots];
        ackRtt = new long[slots];
        txnTime = new long[slots];
        txnRequest = new long[slots];
    }

    public int slots() {
        return tcpStream.length;
    }

    /** Keeps {@code s}'s analysis in slot {@code i}. */
    public void save(int i, PacketSummary s) {
        tcpStream[i] = s.tcpStream;
        udpStream[i] = s.udpStream;
        flags[i] = s.tcpAnalysis;
        dupAck[i] = s.tcpDupAckNum;
        txnKind[i] = s.txnKind;
        relSeq[i] = s.tcpRelSeq;
        relAck[i] = s.tcpRelAck;
        ackRtt[i] = s.tcpAckRttNanos;
        txnTime[i] = s.txnTimeNanos;
        txnRequest[i] = s.txnRequestFrame;
    }

    /** Gives {@code into} (the same packet, decoded again) the analysis kept in slot {@code i}. */
    public void restore(int i, PacketSummary into) {
        into.tcpStream = tcpStream[i];
        into.udpStream = udpStream[i];
        into.tcpAnalysis = flags[i];
        into.tcpDupAckNum = dupAck[i];
        into.txnKind = txnKind[i];
        into.tcpRelSeq = relSeq[i];
        into.tcpRelAck = relAck[i];
        into.tcpAckRttNanos = ackRtt[i];
        into.txnTimeNanos = txnTime[i];
        into.txnRequestFrame = txnRequest[i];
    }
}
