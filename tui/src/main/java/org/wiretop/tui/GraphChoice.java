package org.wiretop.tui;

/**
 * What the graphs show, chosen with keys: the I/O graph's window, bytes or packets, stacked or
 * overlaid protocols (or the total alone), and whether the Connections view shows the selected
 * connection's detail pane.
 */
public record GraphChoice(Window window, boolean bytes, boolean stacked, boolean perProtocol, boolean connDetail) {
    /** The I/O graph's time windows, all drawn from the one-hour per-second history. */
    public enum Window {
        MINUTE(60, "60 s"), TEN_MINUTES(600, "10 min"), HOUR(3600, "1 h");

        private final int seconds;
        private final String label;

        Window(int seconds, String label) {
            this.seconds = seconds;
            this.label = label;
        }

        public int seconds() {
            return seconds;
        }

        public String label() {
            return label;
        }

        public Window next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    public static final GraphChoice DEFAULT = new GraphChoice(Window.MINUTE, true, true, true, false);

    public GraphChoice withWindow(Window w) {
        return new GraphChoice(w, bytes, stacked, perProtocol, connDetail);
    }

    public GraphChoice withBytes(boolean b) {
        return new GraphChoice(window, b, stacked, perProtocol, connDetail);
    }

    public GraphChoice withStacked(boolean st) {
        return new GraphChoice(window, bytes, st, perProtocol, connDetail);
    }

    public GraphChoice withPerProtocol(boolean p) {
        return new GraphChoice(window, bytes, stacked, p, connDetail);
    }

    public GraphChoice withConnDetail(boolean d) {
        return new GraphChoice(window, bytes, stacked, perProtocol, d);
    }
}
