package org.wiretop.capture.filter;

/** A comparison operator, with its Wireshark spellings. */
enum Relation {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    Relation(String symbol) {
        this.symbol = symbol;
    }

    /** Whether the relation holds given {@code Long.compare(field, value)}. */
    boolean holds(int cmp) {
        switch (this) {
            case EQ: return cmp == 0;
            case NE: return cmp != 0;
            case LT: return cmp < 0;
            case LE: return cmp <= 0;
            case GT: return cmp > 0;
            default: return cmp >= 0;
        }
    }

    boolean isEquality() {
        return this == EQ || this == NE;
    }

    /** The relation for a symbol or word ({@code ==}, {@code eq}, ...), or null. */
    static Relation of(String token) {
        switch (token) {
            case "==": case "eq": case "EQ": return EQ;
            case "!=": case "ne": case "NE": return NE;
            case "<": case "lt": case "LT": return LT;
            case "<=": case "le": case "LE": return LE;
            case ">": case "gt": case "GT": return GT;
            case ">=": case "ge": case "GE": return GE;
            default: return null;
        }
    }
}
