package org.wiretop.capture;

/** Turns what a handler threw into what {@link PacketSource#run} throws. */
final class HandlerFailure {
    private HandlerFailure() {
    }

    /** Rethrows {@code t}: the wrapped CaptureException, or the unchecked throwable as it is. */
    static CaptureException rethrow(Throwable t) throws CaptureException {
        if (t instanceof UncheckedCaptureException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
