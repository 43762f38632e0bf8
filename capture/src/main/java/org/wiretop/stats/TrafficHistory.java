package org.wiretop.stats;

import org.wiretop.decode.PacketSummary;

/**
 * The history the UI's graphs are drawn from: {@link RateHistory} (the interface's packets and
 * bytes per second and per protocol, one hour) and {@link ConnectionRates} (each connection's
 * last minute). Fixed memory, about 20.2 MB in all, allocated once. One writer, the thread that
 * decodes the packets; {@link #add} allocates nothing and takes no lock.
 */
public final class TrafficHistory {
    private final RateHistory rates = new RateHistory();
    private final ConnectionRates connections = new ConnectionRates();

    /** Counts one decoded packet at its own time ({@code epochNanos}, {@code wireLength} set). */
    public void add(PacketSummary s) {
        connections.add(s);
        rates.add(s.epochNanos, TrafficClass.of(s), s.wireLength); // last: it publishes a new second
    }

    public RateHistory rates() {
        return rates;
    }

    public ConnectionRates connections() {
        return connections;
    }
}
