package org.wiretop.monitor.flow;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.wiretop.monitor.socket.ProcNetProvider;
import org.wiretop.monitor.socket.ProcessIndex;
import org.wiretop.monitor.socket.Proto;
import org.wiretop.monitor.socket.SockDiagProvider;
import org.wiretop.monitor.socket.SocketQuery;
import org.wiretop.monitor.socket.SocketTableSampler;
import org.wiretop.sys.NetlinkException;

/**
 * Keeps the {@link ListenerIndex} fresh on a thread of its own: every second (and at once when
 * asked, after a lookup met a listener the index lacks) a sock_diag dump of the listening and
 * bound sockets only (the kernel skips its connection table for them) and their owners, through
 * a {@link ProcessIndex} of its own. The first snapshot reads every process (a second or more on
 * a busy host), so it must not hold up the lookups of new flows, which have their own thread.
 */
final class ListenerWatch implements AutoCloseable {
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private static final SocketQuery LISTENERS = new SocketQuery(EnumSet.allOf(Proto.class), Set.of(4, 6),
            SocketQuery.Scope.LISTENING, Set.of());

    private final SocketTableSampler sampler;
    private final Thread thread;
    private final CountDownLatch first = new CountDownLatch(1);
    private volatile ListenerIndex listeners = ListenerIndex.EMPTY;
    private volatile boolean running = true;
    private volatile boolean soon;

    private ListenerWatch(SocketTableSampler sampler) {
        this.sampler = sampler;
        this.thread = new Thread(this::run, "wiretop-listeners");
        thread.setDaemon(true);
    }

    /** Starts watching, over sock_diag or, where netlink is refused, /proc/net. */
    static ListenerWatch start() {
        ProcessIndex index = new ProcessIndex();
        SocketTableSampler sampler;
        try {
            sampler = new SocketTableSampler(SockDiagProvider.open(), index);
        } catch (NetlinkException e) {
            sampler = new SocketTableSampler(new ProcNetProvider(), index);
        }
        ListenerWatch w = new ListenerWatch(sampler);
        w.thread.start();
        return w;
    }

    /** The latest listeners; any thread. */
    ListenerIndex listeners() {
        return listeners;
    }

    /** Waits (bounded) until the first snapshot is in; true when it is. */
    boolean awaitFirst(long millis) {
        try {
            return first.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks for a refresh now (a new server appeared). Any thread. */
    void refreshSoon() {
        soon = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        while (running) {
            soon = false;
            try {
                listeners = ListenerIndex.of(sampler.refresh(LISTENERS, true, false));
            } catch (Exception | LinkageError e) {
                // keep the last index; the next refresh tries again
            } finally {
                first.countDown();
            }
            if (running && !soon) {
                LockSupport.parkNanos(this, REFRESH_NANOS);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampler.close();
    }
}
