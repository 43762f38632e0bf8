package org.wiretop.decode;

/** How far a packet could be decoded. */
public enum Status {
    /** Every header we know was read whole. */
    OK,
    /** The capture ended inside a header; {@link PacketSummary#reason} names the layer. */
    TRUNCATED,
    /** A header carries an impossible value; {@link PacketSummary#reason} says which. */
    INVALID,
    /** The link type is one the decoder does not handle. */
    UNSUPPORTED
}
