package org.wiretop.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Passes bytes through unchanged, remembering the last one, so that on a terminal the prompt
 * does not end up glued to a reply without a newline (pipes get the exact bytes).
 */
final class ByteTail extends OutputStream {
    private final PrintStream out;
    private int last = '\n';

    ByteTail(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        out.write(b);
        last = b & 0xff;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        out.write(b, off, len);
        if (len > 0) {
            last = b[off + len - 1] & 0xff;
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    void endLineOnTerminal() {
        if (last != '\n' && System.console() != null) {
            out.println();
        }
        out.flush();
    }
}
