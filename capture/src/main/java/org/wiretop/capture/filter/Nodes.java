package org.wiretop.capture.filter;

import org.wiretop.capture.filter.FieldDef.LongGetter;
import org.wiretop.decode.PacketSummary;

/**
 * The node kinds a filter compiles to. Each is a tiny final class so the JIT can inline the
 * tree; none allocates in {@code test}.
 */
final class Nodes {
    static final FilterNode TRUE = new FilterNode() {
        @Override
        boolean test(PacketSummary s) {
            return true;
        }
    };

    private Nodes() {
    }

    /** {@code a && b && ...}, flat so that a long chain does not nest the evaluation. */
    static final class All extends FilterNode {
        private final FilterNode[] parts;

        All(FilterNode[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(PacketSummary s) {
            for (FilterNode p : parts) {
                if (!p.test(s)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code a || b || ...}. */
    static final class Any extends FilterNode {
        private final FilterNode[] parts;

        Any(FilterNode[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(PacketSummary s) {
            for (FilterNode p : parts) {
                if (p.test(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code a ^^ b ^^ ...}: true when an odd number of parts hold. */
    static final class Odd extends FilterNode {
        private final FilterNode[] parts;

        Odd(FilterNode[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(PacketSummary s) {
            boolean odd = false;
            for (FilterNode p : parts) {
                odd ^= p.test(s);
            }
            return odd;
        }
    }

    static final class Not extends FilterNode {
        private final FilterNode a;

        Not(FilterNode a) {
            this.a = a;
        }

        @Override
        boolean test(PacketSummary s) {
            return !a.test(s);
        }
    }

    /** A bare protocol or field name: true when the packet has it. */
    static final class Present extends FilterNode {
        private final FieldDef field;

        Present(FieldDef field) {
            this.field = field;
        }

        @Override
        boolean test(PacketSummary s) {
            return field.present(s);
        }
    }

    /**
     * {@code (field & mask) REL value} for numbers, booleans, IPv4 (mask = CIDR prefix) and MAC.
     * Any side may match; {@code !=} holds when no present side equals. Absent field: false.
     */
    static final class LongCompare extends FilterNode {
        private final LongGetter[] sides;
        private final Relation rel;
        private final long mask, value;

        LongCompare(LongGetter[] sides, Relation rel, long mask, long value) {
            this.sides = sides;
            this.rel = rel;
            this.mask = mask;
            this.value = value;
        }

        @Override
        boolean test(PacketSummary s) {
            boolean seen = false;
            for (LongGetter g : sides) {
                long v = g.get(s);
                if (v < 0) {
                    continue;
                }
                seen = true;
                int cmp = Long.compare(v & mask, value);
                if (rel == Relation.NE) {
                    if (cmp == 0) {
                        return false;
                    }
                } else if (rel.holds(cmp)) {
                    return true;
                }
            }
            return rel == Relation.NE && seen;
        }
    }

    /** {@code field in {a b c..d}}: any present side inside any range. */
    static final class LongInSet extends FilterNode {
        private final LongGetter[] sides;
        private final long[] low, high;

        LongInSet(LongGetter[] sides, long[] low, long[] high) {
            this.sides = sides;
            this.low = low;
            this.high = high;
        }

        @Override
        boolean test(PacketSummary s) {
            for (LongGetter g : sides) {
                long v = g.get(s);
                if (v < 0) {
                    continue;
                }
                for (int i = 0; i < low.length; i++) {
                    if (v >= low[i] && v <= high[i]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** {@code a REL b} between two fields of the same kind ({@code ip.src == ip.dst}). */
    static final class FieldCompare extends FilterNode {
        private final LongGetter[] left, right;
        private final Relation rel;

        FieldCompare(LongGetter[] left, Relation rel, LongGetter[] right) {
            this.left = left;
            this.rel = rel;
            this.right = right;
        }

        @Override
        boolean test(PacketSummary s) {
            boolean seen = false;
            for (LongGetter a : left) {
                long x = a.get(s);
                if (x < 0) {
                    continue;
                }
                for (LongGetter b : right) {
                    long y = b.get(s);
                    if (y < 0) {
                        continue;
                    }
                    seen = true;
                    int cmp = Long.compare(x, y);
                    if (rel == Relation.NE) {
                        if (cmp == 0) {
                            return false;
                        }
                    } else if (rel.holds(cmp)) {
                        return true;
                    }
                }
            }
            return rel == Relation.NE && seen;
        }
    }

    /** An IPv6 address (or prefix) compared as an unsigned 128-bit number, either side. */
    static final class Ip6Compare extends FilterNode {
        private final int layer;
        private final LongGetter[] hi, lo;
        private final Relation rel;
        private final long valueHi, valueLo, maskHi, maskLo;

        Ip6Compare(FieldDef field, Relation rel, long valueHi, long valueLo, int prefix) {
            this.layer = field.layerMask;
            this.hi = field.hi;
            this.lo = field.lo;
            this.rel = rel;
            this.maskHi = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
            this.maskLo = prefix >= 128 ? -1L : prefix <= 64 ? 0 : -1L << (128 - prefix);
            this.valueHi = valueHi & maskHi;
            this.valueLo = valueLo & maskLo;
        }

        @Override
        boolean test(PacketSummary s) {
            if ((s.layers & layer) == 0) {
                return false;
            }
            for (int i = 0; i < hi.length; i++) {
                int cmp = Long.compareUnsigned(hi[i].get(s) & maskHi, valueHi);
                if (cmp == 0) {
                    cmp = Long.compareUnsigned(lo[i].get(s) & maskLo, valueLo);
                }
                if (rel == Relation.NE) {
                    if (cmp == 0) {
                        return false;
                    }
                } else if (rel.holds(cmp)) {
                    return true;
                }
            }
            return rel == Relation.NE;
        }
    }
}
