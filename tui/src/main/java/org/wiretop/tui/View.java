package org.wiretop.tui;

/** The four views, in the order of their number keys (1-4) and Tab. */
public enum View {
    PACKETS("Packets"), CONNECTIONS("Connections"), SOCKETS("Sockets"), SERVERS("Servers");

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
