package org.wiretop.capture;

/**
 * Receives packets from a {@link PacketSource} on the capture thread.
 * {@code data[0, capturedLength)} is valid only during the call: copy what must outlive it.
 * To end the run with a {@link CaptureException} (a full disk, say), throw it wrapped in an
 * {@link UncheckedCaptureException}: {@link PacketSource#run} stops and rethrows it.
 */
@FunctionalInterface
public interface PacketHandler {
    void onPacket(long epochNanos, int wireLength, byte[] data, int capturedLength);

    /**
     * A live source found no packet within its read timeout (about every 100 ms while the
     * interface is quiet): work that runs on time rather than on packets (expiring flows) runs
     * here, on the capture thread. Called only when {@link #wantsIdle()}; files and streams never call it.
     */
    default void onIdle() {
    }

    /**
     * Whether {@link #onIdle} matters: a live source then reads without blocking and waits with
     * its own timeout (libpcap's TPACKET_V3 wait has none while no packet arrives at all).
     */
    default boolean wantsIdle() {
        return false;
    }
}
