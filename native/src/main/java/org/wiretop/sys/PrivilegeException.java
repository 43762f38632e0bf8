package org.wiretop.sys;

/**
 * Dropping privileges failed or could not be verified; the process must not go on. The message
 * is one line that says what failed and what to do. {@link #usage()} is true when the user named
 * something that does not exist (an unknown account), false for a failure at run time.
 */
public final class PrivilegeException extends Exception {
    private final boolean usage;

    PrivilegeException(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    public boolean usage() {
        return usage;
    }
}
