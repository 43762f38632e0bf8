package org.wiretop.capture;

/**
 * A capture problem the user can fix; the message is one line that says what to do.
 * {@link #usage()} is true for mistakes in what the user asked (bad filter, unknown interface,
 * missing file: exit 2) and false for runtime failures (exit 1).
 */
public class CaptureException extends Exception {
    private final boolean usage;

    public CaptureException(String message, boolean usage, Throwable cause) {
        super(message, cause);
        this.usage = usage;
    }

    public CaptureException(String message, boolean usage) {
        this(message, usage, null);
    }

    public boolean usage() {
        return usage;
    }
}
