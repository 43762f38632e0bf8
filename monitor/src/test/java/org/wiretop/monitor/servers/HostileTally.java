package org.wiretop.monitor.servers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What the hostile soak did (named counters and maxima) and what the servers got wrong
 * (anomalies). Thread-safe and bounded: only the first few anomaly texts are kept.
 */
final class HostileTally {
    private static final int MAX_NOTES = 20;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAccumulator> maxima = new ConcurrentHashMap<>();
    private final LongAdder anomalyCount = new LongAdder();
    private final List<String> anomalies = new CopyOnWriteArrayList<>();

    void add(String key, long n) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    void inc(String key) {
        add(key, 1);
    }

    long get(String key) {
        LongAdder a = counts.get(key);
        return a == null ? 0 : a.sum();
    }

    void max(String key, long value) {
        maxima.computeIfAbsent(key, k -> new LongAccumulator(Math::max, Long.MIN_VALUE)).accumulate(value);
    }

    long maxOf(String key) {
        LongAccumulator a = maxima.get(key);
        return a == null ? 0 : a.get();
    }

    /** The server did something it must not (hang, wrong bytes, a limit exceeded). */
    void anomaly(String what) {
        anomalyCount.increment();
        if (anomalies.size() < MAX_NOTES) {
            anomalies.add(what);
        }
    }

    long anomalyCount() {
        return anomalyCount.sum();
    }

    List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    /** Every counter and maximum as {@code key=value}, sorted by key. */
    String all() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        maxima.forEach((k, v) -> sorted.put("max." + k, v.get()));
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
