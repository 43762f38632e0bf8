package org.wiretop.capture.filter;

import org.wiretop.decode.PacketSummary;

/** One node of a compiled filter: a test over a packet summary that never allocates. */
abstract class FilterNode {
    abstract boolean test(PacketSummary s);
}
