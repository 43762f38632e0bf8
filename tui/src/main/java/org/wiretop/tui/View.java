package org.wiretop.tui;

/** The views, in the order of Tab; each has its number key ({@link #key()}). */
public enum View {
    PACKETS("Packets"), CONNECTIONS("Connections"), SOCKETS("Sockets"), SERVERS("Servers"), TRANSACTIONS("Transactions"),
    STATS("Statistics");

    private final String title;
    private final char key;

    View(String title) {
        this.title = title;
        this.key = (char) ('1' + ordinal());
    }

    /** The number key that opens the view (its tab shows it). */
    public char key() {
        return key;
    }

    /** The view opened by number key {@code c}, or null. */
    public static View ofKey(char c) {
        for (View v : values()) {
            if (v.key == c) {
                return v;
            }
        }
        return null;
    }

    public String title() {
        return title;
    }

    public View next() {
        return values()[(ordinal() + 1) % values().length];
    }
}
