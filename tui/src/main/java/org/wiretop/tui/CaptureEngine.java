package org.wiretop.tui;

import org.wiretop.capture.CaptureException;
import org.wiretop.capture.CaptureStats;
import org.wiretop.capture.LiveOptions;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.capture.ThreadNice;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the capture thread (design §3): it alone copies each packet into the {@link PacketRing}
 * and never waits on anything. Decoding for the flow tracker happens on the {@link FlowFeeder}'s
 * thread, which reads the ring behind it, so per-packet work here is as small as tcpdump -w's.
 * The UI reads the ring and the {@link CaptureStatus} published here, and asks for restarts
 * (new filter or interface) from its own thread.
 */
public final class CaptureEngine implements AutoCloseable {
    private static final long STATS_EVERY_NANOS = 250_000_000L;

    /** The UI's default kernel buffer: larger than a plain capture's, because a JVM with a UI
     *  pauses now and then (collections, a starved CPU) and the kernel must hold packets meanwhile. */
    public static final int DEFAULT_BUFFER_BYTES = 64 << 20;

    private final int ringPackets;
    private final long ringBytes;
    private final int bufferBytes;
    private final AtomicReference<PacketRing> ring = new AtomicReference<>();
    private final AtomicReference<CaptureStatus> status = new AtomicReference<>();
    private volatile PacketSource source;
    private volatile Consumer<CaptureSpec> started = spec -> { };
    private Thread thread;

    public CaptureEngine(int ringPackets, long ringBytes, int bufferBytes) {
        this.ringPackets = ringPackets;
        this.ringBytes = ringBytes;
        this.bufferBytes = bufferBytes;
        status.set(new CaptureStatus(CaptureSpec.live("any", ""), CaptureStats.NONE, false, ""));
    }

    /** Tells {@code listener} of every capture opened from now on (after its thread started). */
    public void onStart(Consumer<CaptureSpec> listener) {
        started = listener;
    }

    /** The ring being filled (null before the first capture opened). */
    public PacketRing ring() {
        return ring.get();
    }

    public CaptureStatus status() {
        return status.get();
    }

    /**
     * Stops any running capture and starts {@code spec}. Returns the error text when it could
     * not be opened (the previous capture is then gone too, as in tcpdump), else "".
     */
    public synchronized String start(CaptureSpec spec) {
        stopCapture();
        // The arena is allocated (and zeroed) before the capture opens: once it is open the
        // kernel buffer fills, and a slow start would cost packets.
        PacketRing current = ring.get();
        if (current == null || spec.isFile()) {
            ring.set(null); // let the old arena go before allocating the new one
            current = new PacketRing(current == null ? -1 : current.linkType(), ringPackets, ringBytes);
            ring.set(current);
        }
        PacketSource src;
        try {
            src = spec.isFile() ? Sources.openFile(spec.file()) : Sources.openLive(options(spec));
        } catch (CaptureException e) {
            status.set(new CaptureStatus(spec, CaptureStats.NONE, false, e.getMessage()));
            return e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            String why = "cannot capture: " + e;
            status.set(new CaptureStatus(spec, CaptureStats.NONE, false, why));
            return why;
        }
        if (!current.adoptLinkType(src.linkType())) {
            // Another interface with another link type: packets of two kinds cannot share a pcap file.
            ring.set(null);
            current = new PacketRing(src.linkType(), ringPackets, ringBytes);
            ring.set(current);
        }
        source = src;
        status.set(new CaptureStatus(spec, CaptureStats.NONE, true, ""));
        PacketRing target = current;
        thread = new Thread(() -> capture(spec, src, target), "wiretop-capture");
        thread.setDaemon(true);
        thread.start();
        started.accept(spec);
        return "";
    }

    private LiveOptions options(CaptureSpec spec) {
        LiveOptions d = LiveOptions.of(spec.device(), spec.bpf());
        // A short read timeout: the Connections view names each flow's process, and a short-lived
        // client must still hold its socket when its first packet is looked at.
        return new LiveOptions(d.device(), d.filter(), d.snaplen(), d.promiscuous(), d.immediate(), bufferBytes,
                LiveOptions.ATTRIBUTION_TIMEOUT_MILLIS);
    }

    private void capture(CaptureSpec spec, PacketSource src, PacketRing target) {
        ThreadNice.set(ThreadNice.CAPTURE);
        long[] lastStats = {System.nanoTime()};
        String error = "";
        try {
            long delivered = src.run((epochNanos, wire, data, captured) -> {
                long number = target.end() + 1;
                target.add(epochNanos, wire, data, captured, src.comments());
                // Only every 64th packet looks at the clock: cheap at 1 M packets/s.
                if ((number & 63) == 0) {
                    long now = System.nanoTime();
                    if (now - lastStats[0] >= STATS_EVERY_NANOS) {
                        lastStats[0] = now;
                        status.set(new CaptureStatus(spec, src.stats(), true, ""));
                    }
                }
            }, 0);
            if (spec.isStream()) {
                String note = src.endNote();
                error = note != null ? note : "the pcap stream on stdin ended after " + delivered + " packets";
            }
        } catch (CaptureException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = "capture stopped: " + e;
        }
        status.set(new CaptureStatus(spec, safeStats(src), false, error));
    }

    private static CaptureStats safeStats(PacketSource src) {
        try {
            return src.stats();
        } catch (RuntimeException e) {
            return CaptureStats.NONE;
        }
    }

    /** Refreshes the counters when no packet came to do it (an idle or finished capture). */
    public void refreshIdleStats() {
        CaptureStatus s = status.get();
        PacketSource src = source;
        if (s.running() && src != null && thread != null && !thread.isAlive()) {
            status.set(new CaptureStatus(s.spec(), safeStats(src), false, s.error()));
        }
    }

    private void stopCapture() {
        PacketSource src = source;
        if (src == null) {
            return;
        }
        src.stop();
        try {
            if (thread != null) {
                thread.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        src.close();
        source = null;
        thread = null;
    }

    @Override
    public synchronized void close() {
        stopCapture();
    }
}
