package org.wiretop.capture;

/**
 * Carries a {@link CaptureException} out of a {@link PacketHandler} (whose method cannot throw
 * checked exceptions); every {@link PacketSource#run} unwraps it and rethrows the original.
 */
public final class UncheckedCaptureException extends RuntimeException {
    public UncheckedCaptureException(CaptureException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized CaptureException getCause() {
        return (CaptureException) super.getCause();
    }
}
