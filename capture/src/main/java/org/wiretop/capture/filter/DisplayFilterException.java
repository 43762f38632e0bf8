package org.wiretop.capture.filter;

import org.wiretop.capture.CaptureException;

/**
 * A display filter that does not compile. The message is one line in Wireshark's words that
 * names the problem and where it is ("\"tcp.prot\" is not a valid protocol or protocol field
 * at column 1"); {@link #column()} and {@link #length()} let a UI underline the culprit.
 * It is a usage error (exit 2) for the command line.
 */
public final class DisplayFilterException extends CaptureException {
    private final String problem;
    private final int column;
    private final int length;

    DisplayFilterException(String problem, int column, int length) {
        super(problem + " at column " + column, true);
        this.problem = problem;
        this.column = column;
        this.length = Math.max(1, length);
    }

    /** The message without its position. */
    public String problem() {
        return problem;
    }

    /** 1-based column of the first character at fault (one past the end for "expected ..."). */
    public int column() {
        return column;
    }

    /** How many characters are at fault (at least 1). */
    public int length() {
        return length;
    }
}
