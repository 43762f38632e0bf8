package org.wiretop.decode;

import org.wiretop.capture.format.LineBuilder;

/**
 * One field of an application protocol under Wireshark's name ({@code dns.qry.name}): what the
 * JSON output writes, what a display filter tests and what the detail view lists, from a single
 * definition next to its dissector (design §4b rule 9).
 *
 * <p>A field may occur several times in a packet (two A records): {@link #count} says how many;
 * JSON writes one value as a scalar and several as an array, a filter matches when any occurrence
 * does, and tshark's {@code -E occurrence=f} is occurrence 0. Values are read from the flyweight
 * on demand and never allocate: numbers as longs, text appended to a {@link LineBuilder}.
 */
public final class AppField {
    /** What a value is; decides how JSON writes it and how a filter literal is read. */
    public enum Kind {
        /** An unsigned number. */
        NUMBER,
        /** 0 or 1. */
        BOOLEAN,
        /** An IPv4 address: {@link #number} is its 32 bits. */
        IPV4,
        /** An IPv6 address: {@link #number} is the offset of its 16 bytes in the packet. */
        IPV6,
        /** Text, appended by {@link #appendText}. */
        STRING
    }

    /** How many times the field occurs in the dissector's current packet (0 = absent). */
    @FunctionalInterface
    public interface Count<D extends AppDissector> {
        int count(D d);
    }

    /** The value of occurrence {@code i}. */
    @FunctionalInterface
    public interface LongAt<D extends AppDissector> {
        long get(D d, int i);
    }

    /** Appends the text of occurrence {@code i}. */
    @FunctionalInterface
    public interface TextAt<D extends AppDissector> {
        void append(D d, int i, LineBuilder out);
    }

    private final String name;
    private final String label;
    private final Kind kind;
    private final long max;
    private final Class<? extends AppDissector> owner;
    private final Count<AppDissector> count;
    private final LongAt<AppDissector> number;
    private final TextAt<AppDissector> text;

    @SuppressWarnings("unchecked")
    private <D extends AppDissector> AppField(String name, String label, Kind kind, long max, Class<D> owner,
                                              Count<D> count, LongAt<D> number, TextAt<D> text) {
        this.name = name;
        this.label = label;
        this.kind = kind;
        this.max = max;
        this.owner = owner;
        this.count = (Count<AppDissector>) count;
        this.number = (LongAt<AppDissector>) number;
        this.text = (TextAt<AppDissector>) text;
    }

    /** A number present once when {@code value} is not negative. */
    public static <D extends AppDissector> AppField number(String name, String label, long max, Class<D> owner,
                                                           java.util.function.ToLongFunction<D> value) {
        return new AppField(name, label, Kind.NUMBER, max, owner, d -> value.applyAsLong(d) >= 0 ? 1 : 0,
                (d, i) -> value.applyAsLong(d), null);
    }

    /** A boolean (0/1) present once when {@code value} is not negative. */
    public static <D extends AppDissector> AppField bool(String name, String label, Class<D> owner,
                                                         java.util.function.ToLongFunction<D> value) {
        return new AppField(name, label, Kind.BOOLEAN, 1, owner, d -> value.applyAsLong(d) >= 0 ? 1 : 0,
                (d, i) -> value.applyAsLong(d), null);
    }

    /** A field of {@code kind} NUMBER, BOOLEAN, IPV4 or IPV6 occurring {@code count} times. */
    public static <D extends AppDissector> AppField numbers(String name, String label, Kind kind, long max,
                                                            Class<D> owner, Count<D> count, LongAt<D> value) {
        if (kind == Kind.STRING) {
            throw new IllegalArgumentException(name + ": text fields take a TextAt");
        }
        return new AppField(name, label, kind, max, owner, count, value, null);
    }

    /** A text field occurring {@code count} times. */
    public static <D extends AppDissector> AppField text(String name, String label, Class<D> owner,
                                                         Count<D> count, TextAt<D> value) {
        return new AppField(name, label, Kind.STRING, 0, owner, count, null, value);
    }

    /** Wireshark's field name ({@code dns.qry.name}). */
    public String name() {
        return name;
    }

    /** A short human label for the detail view ("Query name"). */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** NUMBER and BOOLEAN: the largest value the field can hold (for filter literals). */
    public long max() {
        return max;
    }

    /** True when this field belongs to {@code d}'s protocol. */
    public boolean of(AppDissector d) {
        return d != null && d.getClass() == owner;
    }

    /** Occurrences in {@code d}'s packet; 0 when absent or when {@code d} is another protocol. */
    public int count(AppDissector d) {
        return of(d) ? count.count(d) : 0;
    }

    /** NUMBER, BOOLEAN, IPV4: occurrence {@code i}'s value; IPV6: the offset of its 16 bytes. */
    public long number(AppDissector d, int i) {
        return number.get(d, i);
    }

    /** STRING: appends occurrence {@code i}'s text. */
    public void appendText(AppDissector d, int i, LineBuilder out) {
        text.append(d, i, out);
    }
}
