package org.wiretop.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.tui.view.AnsiDelta;

/**
 * Lanterna's screen with {@link AnsiDelta} in place of its per-cell delta refresh: a frame's
 * changes are encoded into one buffer and written to the terminal's stream at once. A complete
 * refresh (start, resize) is still Lanterna's. The cursor stays hidden: the UI never shows it.
 */
final class DeltaScreen extends TerminalScreen {
    private final OutputStream out;
    private final LineBuilder frame = new LineBuilder(1 << 16);
    private boolean started;

    /** @param out the stream {@code terminal} writes to (escape sequences go there directly) */
    DeltaScreen(Terminal terminal, OutputStream out) throws IOException {
        super(terminal);
        this.out = out;
    }

    @Override
    public synchronized void startScreen() throws IOException {
        super.startScreen();
        started = true;
    }

    @Override
    public synchronized void stopScreen() throws IOException {
        started = false;
        super.stopScreen();
    }

    @Override
    public synchronized void refresh(RefreshType type) throws IOException {
        if (type != RefreshType.DELTA || !started) {
            super.refresh(type);
            return;
        }
        TerminalSize size = getTerminalSize();
        frame.setLength(0);
        AnsiDelta.encode(getBackBuffer(), getFrontBuffer(), size.getColumns(), size.getRows(), frame);
        if (frame.length() > 0) {
            out.write(frame.array(), 0, frame.length());
        }
        out.flush();
        getBackBuffer().copyTo(getFrontBuffer());
    }
}
