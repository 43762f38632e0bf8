package org.wiretop.tui;

/** The views, in the order of their number keys (1-5) and Tab. */
public enum View {
    PACKETS("Packets"), CONNECTIONS("Connections"), SOCKETS("Sockets"), SERVERS("Servers"), TRANSACTIONS("Transactions");

    private final String title;

    View(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public View next() {
        return values()[(ordinal() + 1) % values().length];
    }
}
