package org.wiretop.monitor.flow;

/**
 * A conversation whichever way its packets go: the protocol and both endpoints, {@code a} the
 * one that sorts first (address as unsigned numbers, then port), as the flow table keys it.
 */
public record FlowKey(int protocol, FlowEndpoint a, FlowEndpoint b) {

    /** The key of the flow between two endpoints, in either order. */
    public static FlowKey of(int protocol, FlowEndpoint x, FlowEndpoint y) {
        return first(x, y) ? new FlowKey(protocol, x, y) : new FlowKey(protocol, y, x);
    }

    /** The key of a flow record. */
    public static FlowKey of(FlowRecord r) {
        return of(r.protocol(), r.client(), r.server());
    }

    /** Whether x sorts before (or equals) y: address high, low (unsigned), then port. */
    static boolean first(FlowEndpoint x, FlowEndpoint y) {
        int c = Long.compareUnsigned(x.hi(), y.hi());
        if (c == 0) {
            c = Long.compareUnsigned(x.lo(), y.lo());
        }
        return c < 0 || (c == 0 && x.port() <= y.port());
    }

    @Override
    public String toString() {
        return a + " " + b + " proto " + protocol;
    }
}
