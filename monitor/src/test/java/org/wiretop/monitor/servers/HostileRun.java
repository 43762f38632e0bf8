package org.wiretop.monitor.servers;

import java.util.Map;

/**
 * What every hostile client of the soak shares: the servers, their limits, when to stop, and
 * where to count what happened.
 */
record HostileRun(Map<ServerKind, RunningServer> servers, ServerLimits limits, long endNanos, HostileTally tally,
                  HostileEventCounter events) {
    boolean running() {
        return !HostileIo.passed(endNanos);
    }
}
