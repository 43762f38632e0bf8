package org.wiretop.tui;

import java.util.ArrayList;
import java.util.List;
import org.wiretop.decode.DecodeAs;
import org.wiretop.decode.Decoder;

/**
 * What the UI dissects each port as: the user's {@code --decode-as PORT=PROTO} choices, plus the
 * port of every built-in server the UI has started (its traffic then shows as the server's
 * protocol, e.g. {@code text}, for the rest of the session), the user's choice winning on a port
 * both name. Every decoder the UI makes follows it through a {@link Follower}. Thread-safe: the
 * servers' thread adds, the UI and flow threads read.
 */
public final class DecodeChoices {
    private final List<String> user;
    private final List<String> servers = new ArrayList<>();
    private volatile DecodeAs current;

    /**
     * @param user the {@code --decode-as} items as given on the command line
     * @throws IllegalArgumentException with a one-line message when one is not PORT=PROTO
     */
    public DecodeChoices(List<String> user) {
        this.user = List.copyOf(user);
        this.current = DecodeAs.parse(this.user);
    }

    /** No choices yet: ports and heuristics decide (a new instance: it grows as servers start). */
    public static DecodeChoices none() {
        return new DecodeChoices(List.of());
    }

    /** The choices now (a new object whenever they change). */
    public DecodeAs current() {
        return current;
    }

    /** A built-in server listens on {@code port}: dissect it as {@code protocol} from now on. */
    public synchronized void serverListening(int port, String protocol) {
        String item = port + "=" + protocol;
        if (servers.contains(item)) {
            return;
        }
        servers.add(item);
        List<String> all = new ArrayList<>(servers);
        all.addAll(user); // later items win a port: the user's over the servers'
        current = DecodeAs.parse(all);
    }

    /** A decoder that follows these choices; one per thread (a Decoder is not thread-safe). */
    public Follower follower() {
        return new Follower(this);
    }

    /** A {@link Decoder} made anew when the choices change (rarely: a server started). */
    public static final class Follower {
        private final DecodeChoices choices;
        private DecodeAs built;
        private Decoder decoder;

        private Follower(DecodeChoices choices) {
            this.choices = choices;
        }

        /** The decoder for the current choices. */
        public Decoder decoder() {
            DecodeAs now = choices.current();
            if (now != built) {
                built = now;
                decoder = new Decoder(now);
            }
            return decoder;
        }
    }
}
