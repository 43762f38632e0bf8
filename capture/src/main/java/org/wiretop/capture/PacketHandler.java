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
     * A live source read nothing within its read timeout: a chance for output held back a
     * little (waiting for a process name) to go out while the link is quiet. Capture thread.
     */
    default void onIdle() {
    }
}
