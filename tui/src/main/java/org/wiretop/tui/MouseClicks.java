package org.wiretop.tui;

import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;

/**
 * Tells a double click from two clicks: a second left press on the same row within
 * {@value #DOUBLE_MILLIS} ms of the first (terminals report presses, not double clicks).
 * One per UI, on the UI thread.
 */
final class MouseClicks {
    static final long DOUBLE_MILLIS = 400;

    private long lastTime = -DOUBLE_MILLIS - 1;
    private int lastRow = -1;

    /** Records a mouse action made at {@code t} ms; true when it is the second press of a double click. */
    boolean isDouble(MouseAction m, long t) {
        if (m.getActionType() != MouseActionType.CLICK_DOWN || m.getButton() != 1) {
            return false;
        }
        int row = m.getPosition().getRow();
        boolean dbl = row == lastRow && t >= lastTime && t - lastTime <= DOUBLE_MILLIS;
        lastTime = dbl ? -DOUBLE_MILLIS - 1 : t; // a third click starts a new pair
        lastRow = row;
        return dbl;
    }
}
