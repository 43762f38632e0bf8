package org.wiretop.capture.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.wiretop.decode.PacketSummary;

/**
 * A compiled Wireshark-style display filter over the fields of design §5
 * ({@code tcp.port == 12345 && !(ip.addr == 10.0.0.0/8)}).
 *
 * <p>Immutable and thread-safe: compiling builds a small tree of nodes that read
 * {@link PacketSummary}'s public fields (and the application fields of its
 * {@link PacketSummary#app}) through accessors fixed at compile time, so {@link #test} allocates
 * nothing and can run on the capture thread (text is tested in a per-thread buffer made once).
 *
 * <p>Semantics follow Wireshark 4: a comparison on a field the packet does not have is false
 * (whatever the operator); fields with two sides ({@code ip.addr}, {@code tcp.port}, ...) or
 * several occurrences ({@code dns.a}) match when one matches, and {@code a != b} means
 * {@code !(a == b)} among present fields;
 * a bare field or protocol name is true when present (so {@code tcp.flags.syn} alone matches
 * every TCP packet; write {@code tcp.flags.syn == 1}). The grammar and the names are in the
 * {@linkplain org.wiretop.capture.filter package documentation}.
 */
public final class DisplayFilter {
    /** The empty filter: matches every packet. */
    public static final DisplayFilter MATCH_ALL = new DisplayFilter("", Nodes.TRUE);

    private final String text;
    private final FilterNode root;

    private DisplayFilter(String text, FilterNode root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Compiles {@code text}; blank text gives {@link #MATCH_ALL}.
     *
     * @throws DisplayFilterException with a one-line message naming the problem and its column
     */
    public static DisplayFilter compile(String text) throws DisplayFilterException {
        if (text == null || text.isBlank()) {
            return MATCH_ALL;
        }
        return new DisplayFilter(text.strip(), new FilterParser(text).parse());
    }

    /** True when the packet passes the filter. Allocation-free. */
    public boolean test(PacketSummary s) {
        return root.test(s);
    }

    /** True for the empty filter (lets callers skip evaluation). */
    public boolean matchesAll() {
        return root == Nodes.TRUE;
    }

    /** Every protocol and field name a filter may use, in a stable order (for help and completion). */
    public static List<String> knownNames() {
        List<String> names = new ArrayList<>();
        Fields.names().forEach(names::add);
        return Collections.unmodifiableList(names);
    }

    /** The filter as the user wrote it (stripped). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
