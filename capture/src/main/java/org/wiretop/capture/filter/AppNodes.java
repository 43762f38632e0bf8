package org.wiretop.capture.filter;

import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketSummary;

/**
 * The tests on application fields ({@code dns.a == 93.184.216.34}, {@code dns.qry.type in {1 28}}):
 * values are read from the packet's {@link AppDissector} through the field's {@link AppField}, and a
 * field that occurs several times matches as Wireshark 4's does: {@code ==} and the orderings when
 * any occurrence holds, {@code !=} when every occurrence differs. An absent field matches nothing.
 * Numbers and addresses are read as longs: nothing allocates.
 */
final class AppNodes {
    private AppNodes() {
    }

    /** {@code (field & mask) REL value} for numbers, booleans and IPv4 (mask = CIDR prefix). */
    static final class LongCompare extends FilterNode {
        private final AppNames.FieldSet field;
        private final Relation rel;
        private final long mask, value;

        LongCompare(AppNames.FieldSet field, Relation rel, long mask, long value) {
            this.field = field;
            this.rel = rel;
            this.mask = mask;
            this.value = value;
        }

        @Override
        boolean test(PacketSummary s) {
            AppDissector d = s.app;
            AppField f = field.of(d);
            int n = f == null ? 0 : f.count(d);
            for (int i = 0; i < n; i++) {
                int cmp = Long.compare(f.number(d, i) & mask, value);
                if (rel == Relation.NE) {
                    if (cmp == 0) {
                        return false;
                    }
                } else if (rel.holds(cmp)) {
                    return true;
                }
            }
            return rel == Relation.NE && n > 0;
        }
    }

    /** {@code field in {a b c..d}}: any occurrence inside any range. */
    static final class InSet extends FilterNode {
        private final AppNames.FieldSet field;
        private final long[] low, high;

        InSet(AppNames.FieldSet field, long[] low, long[] high) {
            this.field = field;
            this.low = low;
            this.high = high;
        }

        @Override
        boolean test(PacketSummary s) {
            AppDissector d = s.app;
            AppField f = field.of(d);
            int n = f == null ? 0 : f.count(d);
            for (int i = 0; i < n; i++) {
                long v = f.number(d, i);
                for (int r = 0; r < low.length; r++) {
                    if (v >= low[r] && v <= high[r]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** An IPv6 address field (its 16 bytes in the packet) against an address or prefix. */
    static final class Ip6Compare extends FilterNode {
        private final AppNames.FieldSet field;
        private final Relation rel;
        private final long valueHi, valueLo, maskHi, maskLo;

        Ip6Compare(AppNames.FieldSet field, Relation rel, long valueHi, long valueLo, int prefix) {
            this.field = field;
            this.rel = rel;
            this.maskHi = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
            this.maskLo = prefix >= 128 ? -1L : prefix <= 64 ? 0 : -1L << (128 - prefix);
            this.valueHi = valueHi & maskHi;
            this.valueLo = valueLo & maskLo;
        }

        @Override
        boolean test(PacketSummary s) {
            AppDissector d = s.app;
            AppField f = field.of(d);
            int n = f == null ? 0 : f.count(d);
            for (int i = 0; i < n; i++) {
                int at = (int) f.number(d, i);
                int cmp = Long.compareUnsigned(long64(d.data(), at) & maskHi, valueHi);
                if (cmp == 0) {
                    cmp = Long.compareUnsigned(long64(d.data(), at + 8) & maskLo, valueLo);
                }
                if (rel == Relation.NE) {
                    if (cmp == 0) {
                        return false;
                    }
                } else if (rel.holds(cmp)) {
                    return true;
                }
            }
            return rel == Relation.NE && n > 0;
        }

        private static long long64(byte[] b, int off) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (b[off + i] & 0xff);
            }
            return v;
        }
    }
}
