package org.wiretop.monitor.flow;

import java.time.Duration;

/**
 * Limits and timers of a {@link FlowTable}.
 *
 * @param maxFlows               hard cap on entries; memory for all of them is allocated up front
 * @param idleTimeoutNanos       a flow with no packet for this long is evicted
 * @param finishedTimeoutNanos   a CLOSED or RESET flow is evicted after this much quiet (shorter)
 * @param publishIntervalNanos   how often {@link FlowTable#publishIfDue} publishes a snapshot
 * @param rateWindowNanos        length of the sliding window for rates; split into
 *                               {@link FlowTable#RATE_BUCKETS} buckets
 */
public record FlowTableConfig(int maxFlows, long idleTimeoutNanos, long finishedTimeoutNanos,
                              long publishIntervalNanos, long rateWindowNanos) {

    public static final int DEFAULT_MAX_FLOWS = 100_000;

    public FlowTableConfig {
        if (maxFlows < 1) {
            throw new IllegalArgumentException("maxFlows must be at least 1: " + maxFlows);
        }
        if (idleTimeoutNanos <= 0 || finishedTimeoutNanos <= 0 || publishIntervalNanos <= 0) {
            throw new IllegalArgumentException("timeouts and intervals must be positive");
        }
        if (rateWindowNanos < FlowTable.RATE_BUCKETS) {
            throw new IllegalArgumentException("rate window too short: " + rateWindowNanos + " ns");
        }
    }

    /** 100,000 flows, 120 s idle, 10 s after close, publish every 500 ms, 4 s rate window. */
    public static FlowTableConfig defaults() {
        return new FlowTableConfig(DEFAULT_MAX_FLOWS, Duration.ofSeconds(120).toNanos(),
                Duration.ofSeconds(10).toNanos(), Duration.ofMillis(500).toNanos(),
                Duration.ofSeconds(4).toNanos());
    }

    public FlowTableConfig withMaxFlows(int n) {
        return new FlowTableConfig(n, idleTimeoutNanos, finishedTimeoutNanos, publishIntervalNanos, rateWindowNanos);
    }

    public FlowTableConfig withIdleTimeout(Duration idle, Duration finished) {
        return new FlowTableConfig(maxFlows, idle.toNanos(), finished.toNanos(), publishIntervalNanos, rateWindowNanos);
    }

    public FlowTableConfig withPublishInterval(Duration interval) {
        return new FlowTableConfig(maxFlows, idleTimeoutNanos, finishedTimeoutNanos, interval.toNanos(), rateWindowNanos);
    }

    public FlowTableConfig withRateWindow(Duration window) {
        return new FlowTableConfig(maxFlows, idleTimeoutNanos, finishedTimeoutNanos, publishIntervalNanos, window.toNanos());
    }
}
