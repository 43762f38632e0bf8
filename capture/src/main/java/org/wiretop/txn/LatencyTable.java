package org.wiretop.txn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latencies grouped by a name (a server, a request kind), with exact percentiles over what was
 * kept. Bounded: at most {@code maxGroups} groups (later names count in {@link #OTHER}) and
 * {@code maxSamples} latencies a group (the first ones; later ones count and set the maximum but
 * are not in the percentiles, and the group says so). Not for the packet path: one call a
 * transaction.
 */
public final class LatencyTable {
    public static final String OTHER = "(other)";
    private final int maxGroups, maxSamples;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    public LatencyTable(int maxGroups, int maxSamples) {
        this.maxGroups = maxGroups;
        this.maxSamples = maxSamples;
    }

    /** One group's latencies. */
    public static final class Group {
        private long[] samples = new long[16];
        private int kept;
        private long count, max = Long.MIN_VALUE, errors;

        public long count() {
            return count;
        }

        public long errors() {
            return errors;
        }

        public long max() {
            return max;
        }

        /** True when some latencies were not kept for the percentiles (the bound). */
        public boolean capped() {
            return kept < count;
        }

        /** The nearest-rank percentile {@code p} (0 < p <= 100) of the kept latencies, in nanoseconds. */
        public long percentile(double p) {
            long[] sorted = Arrays.copyOf(samples, kept);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * kept);
            return sorted[Math.max(0, Math.min(kept, rank) - 1)];
        }
    }

    public void add(String name, long latencyNanos, boolean error) {
        Group g = groups.get(name);
        if (g == null) {
            if (groups.size() >= maxGroups) {
                g = groups.computeIfAbsent(OTHER, k -> new Group());
            } else {
                g = new Group();
                groups.put(name, g);
            }
        }
        g.count++;
        g.max = Math.max(g.max, latencyNanos);
        if (error) {
            g.errors++;
        }
        if (g.kept < maxSamples) {
            if (g.kept == g.samples.length) {
                g.samples = Arrays.copyOf(g.samples, Math.min(maxSamples, 2 * g.kept));
            }
            g.samples[g.kept++] = latencyNanos;
        }
    }

    /** The groups in order of first appearance. */
    public Map<String, Group> groups() {
        return groups;
    }
}
