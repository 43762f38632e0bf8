package org.wiretop.capture.filter;

import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketSummary;

/**
 * A filterable name: a protocol (tested for presence, its bytes searched by {@code contains} and
 * {@code matches}) or a field with a value read from {@link PacketSummary}. Fields with two sides
 * ({@code ip.addr}, {@code tcp.port}) carry two accessors and match when either matches; an
 * application field ({@code dns.a}) is read from the packet's {@link org.wiretop.decode.AppDissector} through its
 * {@link AppField} and matches when any occurrence does.
 */
final class FieldDef {
    /** What kind of value a field holds; decides how a literal is parsed. */
    enum Kind {
        PROTOCOL("a protocol"), NUMBER("an unsigned integer"), BOOLEAN("a boolean"),
        IPV4("an IPv4 address"), IPV6("an IPv6 address"), MAC("an Ethernet address"), STRING("a string"),
        /** A time interval, read as nanoseconds and written as seconds ({@code 0.25}). */
        TIME("a time in seconds");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** Reads a non-negative value, or -1 when the packet does not have the field. */
    @FunctionalInterface
    interface LongGetter {
        long get(PacketSummary s);
    }

    /** Reads a text value, or null when the packet does not have the field. */
    @FunctionalInterface
    interface StringGetter {
        String get(PacketSummary s);
    }

    /** Where a protocol's bytes start in the captured frame, or -1 when the packet lacks it. */
    @FunctionalInterface
    interface Start {
        int at(PacketSummary s);
    }

    final String name;
    final Kind kind;
    /** PROTOCOL and IPV6: the layer bit that must be set. */
    final int layerMask;
    /** NUMBER and BOOLEAN: the largest value the field can hold. */
    final long max;
    /** NUMBER, BOOLEAN, IPV4, MAC, TIME: one accessor per side. */
    final LongGetter[] longs;
    /** IPV6: high and low halves, one accessor per side. */
    final LongGetter[] hi, lo;
    /** STRING (our own fields). */
    final StringGetter string;
    /** PROTOCOL: where its bytes start, for {@code contains} and {@code matches}. */
    final Start start;
    /** An application protocol; else null. */
    final AppNames.Protocol appProtocol;
    /** An application field (its definitions in every dissector reporting it); else null. */
    final AppNames.FieldSet app;

    private FieldDef(String name, Kind kind, int layerMask, long max, LongGetter[] longs, LongGetter[] hi,
                     LongGetter[] lo, StringGetter string, Start start, AppNames.Protocol appProtocol,
                     AppNames.FieldSet app) {
        this.name = name;
        this.kind = kind;
        this.layerMask = layerMask;
        this.max = max;
        this.longs = longs;
        this.hi = hi;
        this.lo = lo;
        this.string = string;
        this.start = start;
        this.appProtocol = appProtocol;
        this.app = app;
    }

    static FieldDef protocol(String name, int layerMask, Start start) {
        return new FieldDef(name, Kind.PROTOCOL, layerMask, 0, null, null, null, null, start, null, null);
    }

    static FieldDef longs(String name, Kind kind, long max, LongGetter... sides) {
        return new FieldDef(name, kind, 0, max, sides, null, null, null, null, null, null);
    }

    static FieldDef ipv6(String name, int layerMask, LongGetter[] hi, LongGetter[] lo) {
        return new FieldDef(name, Kind.IPV6, layerMask, 0, null, hi, lo, null, null, null, null);
    }

    static FieldDef string(String name, StringGetter getter) {
        return new FieldDef(name, Kind.STRING, 0, 0, null, null, null, getter, null, null, null);
    }

    /** An application protocol ({@code dns}, a variant of it such as {@code mdns}, {@code tls}, ...). */
    static FieldDef appProtocol(AppNames.Protocol p) {
        return new FieldDef(p.name, Kind.PROTOCOL, 0, 0, null, null, null, null,
                s -> p.present(s) ? s.payloadOffset : -1, p, null);
    }

    /** An application field, of the kind its (first) definition gives. */
    static FieldDef appField(AppNames.FieldSet set) {
        AppField f = set.first();
        Kind kind;
        switch (f.kind()) {
            case NUMBER: kind = Kind.NUMBER; break;
            case BOOLEAN: kind = Kind.BOOLEAN; break;
            case IPV4: kind = Kind.IPV4; break;
            case IPV6: kind = Kind.IPV6; break;
            default: kind = Kind.STRING; break;
        }
        long max = kind == Kind.IPV4 ? 0xffff_ffffL : f.max();
        return new FieldDef(f.name(), kind, 0, max, null, null, null, null, null, null, set);
    }

    /** True when the packet has this protocol or field. */
    boolean present(PacketSummary s) {
        if (app != null) {
            return app.count(s.app) > 0;
        }
        switch (kind) {
            case PROTOCOL:
                if (appProtocol != null) {
                    return appProtocol.present(s); // a bare ACK on port 53 is TCP to Wireshark, not DNS
                }
                return layerMask == 0 || (s.layers & layerMask) != 0;
            case IPV6:
                return (s.layers & layerMask) != 0;
            case STRING:
                return string.get(s) != null;
            default:
                for (LongGetter g : longs) {
                    if (g.get(s) >= 0) {
                        return true;
                    }
                }
                return false;
        }
    }

    /** True for a field holding a value read as a long (numbers, booleans, IPv4, MAC, times). */
    boolean isLong() {
        return longs != null;
    }
}
