package org.wiretop.tui;

import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.ServerRow;
import org.wiretop.tui.model.SocketRow;

import java.util.List;

/**
 * What the UI needs from the monitor, in the UI's own terms, so the views and their tests do
 * not depend on the monitor's classes. Every method is called on the UI thread and must return
 * at once (latest snapshot, never a blocking query).
 */
public final class Feeds {
    private Feeds() {
    }

    /** The latest flow table, as rows. */
    public interface Connections {
        List<ConnRow> rows();
    }

    /** The latest socket table (refreshed every second by a sampler thread). */
    public interface Sockets {
        List<SocketRow> rows();

        /** Whether a view that needs fresh sockets (Sockets, Connections) is on screen. */
        default void setWanted(boolean onScreen) {
        }
    }

    /** The built-in servers: list, start/stop and a quick client. */
    public interface Servers {
        List<ServerRow> servers();

        /** Newest connection-log lines, oldest first. */
        List<String> log();

        /** Starts or stops the server at {@code index}; returns a one-line note for the user. Blocking is allowed (called off the UI thread). */
        String toggle(int index);

        /** Sends one line to the server at {@code index} and returns its reply (called off the UI thread). */
        String send(int index, String line);
    }

    public static final Connections NO_CONNECTIONS = List::of;
    public static final Sockets NO_SOCKETS = List::of;
    public static final Servers NO_SERVERS = new Servers() {
        @Override
        public List<ServerRow> servers() {
            return List.of();
        }

        @Override
        public List<String> log() {
            return List.of();
        }

        @Override
        public String toggle(int index) {
            return "the built-in servers are not available";
        }

        @Override
        public String send(int index, String line) {
            return "the built-in servers are not available";
        }
    };
}
