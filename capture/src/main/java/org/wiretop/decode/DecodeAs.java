package org.wiretop.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * The user's {@code --decode-as PORT=PROTO} choices (tcpdump's {@code -T}, tshark's {@code -d}):
 * a TCP or UDP payload to or from PORT is dissected as PROTO, before any well-known port or
 * heuristic. Immutable; parsed once from the command line.
 */
public final class DecodeAs {
    /** No choices: ports and heuristics decide. */
    public static final DecodeAs NONE = new DecodeAs(new int[0], new String[0]);

    private final int[] ports;
    private final String[] protocols;

    private DecodeAs(int[] ports, String[] protocols) {
        this.ports = ports;
        this.protocols = protocols;
    }

    /**
     * Parses {@code PORT=PROTO} items (several may also be given comma-separated in one item).
     *
     * @throws IllegalArgumentException with a one-line message naming the bad item and what is
     *                                  accepted
     */
    public static DecodeAs parse(List<String> items) {
        List<Integer> ports = new ArrayList<>();
        List<String> protocols = new ArrayList<>();
        for (String item : items) {
            for (String one : item.split(",")) {
                String spec = one.strip();
                if (spec.isEmpty()) {
                    continue;
                }
                int eq = spec.indexOf('=');
                String port = eq < 0 ? "" : spec.substring(0, eq).strip();
                String proto = eq < 0 ? "" : spec.substring(eq + 1).strip().toLowerCase(java.util.Locale.ROOT);
                int number;
                try {
                    number = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    number = -1;
                }
                if (number < 0 || number > 65535 || proto.isEmpty()) {
                    throw new IllegalArgumentException("bad --decode-as '" + spec
                            + "': give PORT=PROTO, e.g. 8053=dns (protocols: " + String.join(" ", Dissectors.names()) + ")");
                }
                if (!Dissectors.names().contains(proto)) {
                    throw new IllegalArgumentException("--decode-as " + spec + ": unknown protocol '" + proto
                            + "'; wiretop dissects: " + String.join(" ", Dissectors.names()));
                }
                ports.add(number);
                protocols.add(proto);
            }
        }
        if (ports.isEmpty()) {
            return NONE;
        }
        return new DecodeAs(ports.stream().mapToInt(Integer::intValue).toArray(), protocols.toArray(new String[0]));
    }

    /** How many PORT=PROTO choices there are. */
    public int size() {
        return ports.length;
    }

    public int port(int i) {
        return ports[i];
    }

    public String protocol(int i) {
        return protocols[i];
    }
}
