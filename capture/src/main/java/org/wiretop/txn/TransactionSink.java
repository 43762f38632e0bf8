package org.wiretop.txn;

import org.wiretop.decode.PacketSummary;

/** Receives each matched transaction on the packet that completes its response. */
public interface TransactionSink {
    /** @param response the packet completing the response (its source is the server) */
    void onTransaction(Transaction t, PacketSummary response);
}
