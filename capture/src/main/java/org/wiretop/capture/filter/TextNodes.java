package org.wiretop.capture.filter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketSummary;

/**
 * The tests on text and bytes: a text field compared ({@code == != < <= > >=}), searched
 * ({@code contains}) or matched by a regular expression ({@code matches}); and a protocol's bytes
 * searched or matched ({@code frame contains "GET"}, {@code dns contains 07:65:78}). Text is read
 * into a reused {@link LineBuilder} (a CharSequence, so a reused {@link Matcher} runs on it), one
 * per thread, so a compiled filter stays safe to share and allocates nothing per packet once warm.
 * Bytes are compared as bytes (text literals as UTF-8); a regular expression sees each byte as
 * one character (Latin-1), as Wireshark's does on raw bytes.
 */
final class TextNodes {
    /** How a value is tested. */
    enum Op { COMPARE, CONTAINS, MATCHES }

    private TextNodes() {
    }

    /** Per thread: the text being tested and a matcher over it. */
    private static final class Scratch {
        final LineBuilder line = new LineBuilder(256);
        final Matcher matcher;

        Scratch(Pattern pattern) {
            matcher = pattern == null ? null : pattern.matcher(line);
        }
    }

    /** What both node kinds share: the operator, the literal and the per-thread scratch. */
    private abstract static class Test extends FilterNode {
        final Op op;
        final Relation rel;
        final byte[] value;
        private final ThreadLocal<Scratch> scratch;

        Test(Op op, Relation rel, byte[] value, Pattern pattern) {
            this.op = op;
            this.rel = rel;
            this.value = value;
            this.scratch = ThreadLocal.withInitial(() -> new Scratch(pattern));
        }

        final Scratch scratch() {
            Scratch sc = scratch.get();
            sc.line.setLength(0);
            return sc;
        }

        /** Whether the text in {@code sc.line} passes (for != : whether it differs). */
        final boolean holds(Scratch sc) {
            LineBuilder t = sc.line;
            switch (op) {
                case CONTAINS:
                    return indexOf(t.array(), 0, t.length(), value) >= 0;
                case MATCHES:
                    return sc.matcher.reset(t).find();
                default:
                    return rel.holds(compare(t.array(), t.length(), value));
            }
        }
    }

    /** A text field: any occurrence may pass; {@code !=} needs every occurrence to differ. */
    static final class TextTest extends Test {
        private final FieldDef field;

        TextTest(FieldDef field, Op op, Relation rel, byte[] value, Pattern pattern) {
            super(op, rel, value, pattern);
            this.field = field;
        }

        @Override
        boolean test(PacketSummary s) {
            AppField app = field.app == null ? null : field.app.of(s.app);
            int n = app != null ? app.count(s.app) : field.app == null && field.string.get(s) != null ? 1 : 0;
            if (n == 0) {
                return false;
            }
            Scratch sc = scratch();
            for (int i = 0; i < n; i++) {
                sc.line.setLength(0);
                if (app != null) {
                    app.appendText(s.app, i, sc.line);
                } else {
                    sc.line.append(field.string.get(s));
                }
                boolean pass = holds(sc);
                if (op == Op.COMPARE && rel == Relation.NE) {
                    if (!pass) {
                        return false;
                    }
                } else if (pass) {
                    return true;
                }
            }
            return op == Op.COMPARE && rel == Relation.NE;
        }
    }

    /** A protocol's bytes, from its first byte to the end of the IP datagram (or the capture). */
    static final class BytesTest extends Test {
        private final FieldDef.Start start;

        BytesTest(FieldDef.Start start, Op op, byte[] value, Pattern pattern) {
            super(op, null, value, pattern);
            this.start = start;
        }

        @Override
        boolean test(PacketSummary s) {
            byte[] d = s.data;
            int from = start.at(s);
            if (d == null || from < 0) {
                return false;
            }
            int to = end(s, d, from);
            if (op == Op.CONTAINS) {
                return indexOf(d, from, to, value) >= 0;
            }
            Scratch sc = scratch();
            sc.line.append(d, from, to - from);
            return holds(sc);
        }

        private static int end(PacketSummary s, byte[] d, int from) {
            int end = Math.min(s.capturedLength, d.length);
            if (s.networkOffset >= 0 && from >= s.networkOffset) {
                if (s.has(PacketSummary.IP4) && s.ipTotalLength > 0) {
                    end = Math.min(end, s.networkOffset + s.ipTotalLength);
                } else if (s.has(PacketSummary.IP6) && s.ip6PayloadLength > 0) {
                    end = Math.min(end, s.networkOffset + 40 + s.ip6PayloadLength);
                }
            }
            return Math.max(from, end);
        }
    }

    /** The first index of {@code needle} in {@code hay[from, to)}, or -1. */
    static int indexOf(byte[] hay, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Unsigned lexicographic comparison of {@code a[0, length)} with {@code b}. */
    static int compare(byte[] a, int length, byte[] b) {
        int n = Math.min(length, b.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(length, b.length);
    }
}
