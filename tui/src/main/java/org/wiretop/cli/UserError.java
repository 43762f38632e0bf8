package org.wiretop.cli;

/** A failure to report as one line, without a stack trace, with the given exit code. */
public class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The user asked for something that cannot be (exit 2). */
    public static UserError usage(String message) {
        return new UserError(message, 2);
    }

    /** Something failed while running (exit 1). */
    public static UserError runtime(String message) {
        return new UserError(message, 1);
    }
}
