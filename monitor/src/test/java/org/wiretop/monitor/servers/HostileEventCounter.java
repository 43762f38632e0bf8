package org.wiretop.monitor.servers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts server events by type without keeping them (a soak makes hundreds of thousands),
 * keeps the first few {@link ServerEvent.Problem} texts, and remembers when each client port
 * was last refused by each server — so a client can tell "the server was full and refused
 * me" (the limit working) from "the server dropped me" (a bug). Fixed-size, so the heap stays
 * flat; quick and non-blocking, as a listener on the servers' threads must be.
 */
final class HostileEventCounter implements ServerListener {
    private static final int MAX_PROBLEMS = 20;
    private final long origin = System.nanoTime();
    private final Map<Class<?>, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    /** Per server kind, per client port: {@link #now()} of the last refusal, 0 for never. */
    private final AtomicLongArray[] lastRefused = new AtomicLongArray[ServerKind.values().length];
    /** Per server kind, per client port: when its last connection closed, and why (the server's own words). */
    private final AtomicLongArray[] lastClosed = new AtomicLongArray[ServerKind.values().length];
    private final AtomicReferenceArray<?>[] closeReason = new AtomicReferenceArray<?>[ServerKind.values().length];

    HostileEventCounter() {
        for (int i = 0; i < lastRefused.length; i++) {
            lastRefused[i] = new AtomicLongArray(65536);
            lastClosed[i] = new AtomicLongArray(65536);
            closeReason[i] = new AtomicReferenceArray<String>(65536);
        }
    }

    /** A clock for {@link #refusedSince}: positive and increasing. */
    long now() {
        return System.nanoTime() - origin + 1;
    }

    @Override
    public void onEvent(ServerEvent event) {
        counts.computeIfAbsent(event.getClass(), k -> new LongAdder()).increment();
        if (event instanceof ServerEvent.Refused r) {
            ServerKind.byName(r.server()).ifPresent(k -> lastRefused[k.ordinal()].set(r.remote().getPort(), now()));
        } else if (event instanceof ServerEvent.Closed c) {
            ServerKind.byName(c.server()).ifPresent(k -> {
                // The reasons are a handful of constant strings: keeping them costs no heap.
                reasons(k).set(c.remote().getPort(), c.reason());
                lastClosed[k.ordinal()].set(c.remote().getPort(), now());
            });
        } else if (event instanceof ServerEvent.Problem p && problems.size() < MAX_PROBLEMS) {
            problems.add(p.server() + ": " + p.message());
        }
    }

    /**
     * Whether that server refused the client on {@code localPort} at or after {@code since}
     * (taken before connecting), waiting up to a second: the event may trail the close.
     */
    boolean refusedSince(ServerKind kind, int localPort, long since) {
        AtomicLongArray ports = lastRefused[kind.ordinal()];
        return Await.until(() -> ports.get(localPort) >= since, Duration.ofSeconds(1));
    }

    /** Why that server closed the client on {@code localPort} at or after {@code since}; null if it has not (within a second). */
    String closedSince(ServerKind kind, int localPort, long since) {
        AtomicLongArray ports = lastClosed[kind.ordinal()];
        return Await.until(() -> ports.get(localPort) >= since, Duration.ofSeconds(1))
                ? reasons(kind).get(localPort) : null;
    }

    @SuppressWarnings("unchecked")
    private AtomicReferenceArray<String> reasons(ServerKind kind) {
        return (AtomicReferenceArray<String>) closeReason[kind.ordinal()];
    }

    long count(Class<? extends ServerEvent> type) {
        LongAdder a = counts.get(type);
        return a == null ? 0 : a.sum();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
