package org.wiretop.capture.filter;

import org.wiretop.capture.filter.FilterLexer.Token;

/**
 * The tests of an IPv4 or IPv6 field against an address or a subnet ({@code ip.src == 10.0.0.0/8},
 * {@code ipv6.dst != fe80::/10}): the literal read, its prefix length checked, and a subnet only
 * with {@code ==} or {@code !=}.
 */
final class AddressComparisons {
    private AddressComparisons() {
    }

    /** {@code field REL v}, {@code op} being the relation's token. */
    static FilterNode ipv4(FieldDef field, Relation rel, Token op, Token v) throws DisplayFilterException {
        String text = v.text();
        int slash = text.indexOf('/');
        long addr = Literals.ipv4(slash < 0 ? text : text.substring(0, slash));
        if (addr < 0) {
            throw FilterParser.error(v.shown() + " is not a valid IPv4 address" + (slash < 0 ? "" : " or subnet"), v);
        }
        long mask = 0xffff_ffffL;
        if (slash >= 0) {
            int prefix = prefix(text.substring(slash + 1), 32, v, op);
            mask = prefix == 0 ? 0 : (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
        }
        return FilterParser.longCompare(field, rel, mask, addr & mask);
    }

    /** {@code field REL v}, {@code op} being the relation's token. */
    static FilterNode ipv6(FieldDef field, Relation rel, Token op, Token v) throws DisplayFilterException {
        String text = v.text();
        int slash = text.indexOf('/');
        long[] addr = Literals.ipv6(slash < 0 ? text : text.substring(0, slash));
        if (addr == null) {
            throw FilterParser.error(v.shown() + " is not a valid IPv6 address" + (slash < 0 ? "" : " or prefix"), v);
        }
        int prefix = slash < 0 ? 128 : prefix(text.substring(slash + 1), 128, v, op);
        if (field.app != null) {
            return new AppNodes.Ip6Compare(field.app, rel, addr[0], addr[1], prefix);
        }
        return new Nodes.Ip6Compare(field, rel, addr[0], addr[1], prefix);
    }

    private static int prefix(String text, int max, Token v, Token op) throws DisplayFilterException {
        long p = text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() < 4
                ? Long.parseLong(text) : -1;
        if (p < 0 || p > max) {
            throw FilterParser.error("the prefix length in " + v.shown() + " must be 0 to " + max, v);
        }
        if (!Relation.of(op.text()).isEquality()) {
            throw FilterParser.error("a subnet can only be compared with == or !=", op);
        }
        return (int) p;
    }
}
