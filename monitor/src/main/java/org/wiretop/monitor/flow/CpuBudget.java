package org.wiretop.monitor.flow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link AttributionWorker}'s budget of CPU for lookups, a token bucket measured on its
 * thread's own CPU clock: the allowance refills at {@value #BUDGET_PER_MILLE} ‰ of the wall clock
 * and holds at most {@value #BURST_MILLIS} ms (so a burst of short-lived clients is served in
 * full). Used by that one thread only: the CPU it counts is the caller's.
 */
final class CpuBudget {
    /**
     * The share of one core lookups may take in the long run, in thousandths: 0.5 %, since
     * {@code ProcFiles} made a lookup of a new process 60-100 µs of CPU rather than 0.5 ms.
     */
    static final int BUDGET_PER_MILLE = 5;
    /** The most CPU time lookups may save up for a burst. */
    static final int BURST_MILLIS = 200;
    private static final long BURST_NANOS = BURST_MILLIS * 1_000_000L;
    /** The longest sleep while over budget (a debt of 1 ms of CPU sleeps 200 ms at 0.5 %). */
    private static final long OVER_BUDGET_SLEEP_NANOS = 1_000_000_000L;

    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    /** CPU nanoseconds lookups may still use (negative: spent ahead), as of {@link #lastRefill}. */
    private long allowance = BURST_NANOS;
    private long lastRefill;
    private long lastCpu;

    /** Starts counting now: the CPU the thread used so far (its warm-up) is not charged. */
    void start() {
        lastRefill = System.nanoTime();
        lastCpu = cpuTime();
    }

    /**
     * Charges the thread's CPU since the last call to the allowance and refills it for the time
     * passed; whether lookups have CPU left (always, where thread CPU time is not measured).
     */
    boolean withinBudget() {
        long now = System.nanoTime();
        long used = cpuTime();
        if (used < 0) {
            return true;
        }
        allowance = Math.min(BURST_NANOS, allowance + (now - lastRefill) * BUDGET_PER_MILLE / 1000 - (used - lastCpu));
        lastRefill = now;
        lastCpu = used;
        return allowance > 0;
    }

    /** Over budget: how long until the allowance is refilled above zero, at most {@value #OVER_BUDGET_SLEEP_NANOS} ns. */
    long debtNanos() {
        return Math.min(OVER_BUDGET_SLEEP_NANOS, 1 - allowance * 1000 / BUDGET_PER_MILLE);
    }

    private long cpuTime() {
        try {
            return cpu.getCurrentThreadCpuTime();
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }
}
