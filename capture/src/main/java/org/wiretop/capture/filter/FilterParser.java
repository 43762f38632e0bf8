package org.wiretop.capture.filter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.wiretop.capture.filter.FieldDef.Kind;
import org.wiretop.capture.filter.FilterLexer.Token;
import org.wiretop.capture.filter.FilterLexer.Type;

/**
 * Recursive-descent parser from tokens to a {@link FilterNode} tree. Precedence as in
 * Wireshark, loosest first: {@code ||}/{@code or}, {@code ^^}/{@code xor}, {@code &&}/{@code and},
 * {@code !}/{@code not}; then a test: a bare name, {@code field REL value},
 * {@code field REL field}, {@code field & mask [REL value]}, {@code field in {1 2 10..20}},
 * {@code field contains "text"} or {@code field matches "regex"} (on text fields and on a
 * protocol's bytes).
 */
final class FilterParser {
    /** Bounds the parser's recursion (and so the tree's depth): no StackOverflowError on "((((...". */
    static final int MAX_DEPTH = 200;

    private final List<Token> tokens;
    private int pos;
    private int depth;

    FilterParser(String text) throws DisplayFilterException {
        this.tokens = FilterLexer.tokenize(text);
    }

    FilterNode parse() throws DisplayFilterException {
        FilterNode node = or(null);
        Token t = peek();
        if (t.type() != Type.END) {
            throw unexpectedAfterTest(t);
        }
        return node;
    }

    // ---- logical operators ----

    private FilterNode or(Token open) throws DisplayFilterException {
        List<FilterNode> parts = new ArrayList<>(List.of(xor(open)));
        while (peekWord("||", "or")) {
            parts.add(xor(next()));
        }
        return parts.size() == 1 ? parts.get(0) : new Nodes.Any(parts.toArray(new FilterNode[0]));
    }

    private FilterNode xor(Token before) throws DisplayFilterException {
        List<FilterNode> parts = new ArrayList<>(List.of(and(before)));
        while (peekWord("^^", "xor")) {
            parts.add(and(next()));
        }
        return parts.size() == 1 ? parts.get(0) : new Nodes.Odd(parts.toArray(new FilterNode[0]));
    }

    private FilterNode and(Token before) throws DisplayFilterException {
        List<FilterNode> parts = new ArrayList<>(List.of(unary(before)));
        while (peekWord("&&", "and")) {
            parts.add(unary(next()));
        }
        return parts.size() == 1 ? parts.get(0) : new Nodes.All(parts.toArray(new FilterNode[0]));
    }

    private FilterNode unary(Token before) throws DisplayFilterException {
        if (++depth > MAX_DEPTH) {
            throw error("the filter nests more than " + MAX_DEPTH + " levels deep", peek());
        }
        try {
            if (peekWord("!", "not")) {
                Token op = next();
                return new Nodes.Not(unary(op));
            }
            return primary(before);
        } finally {
            depth--;
        }
    }

    private FilterNode primary(Token before) throws DisplayFilterException {
        Token t = next();
        if (t.is("(")) {
            FilterNode inner = or(t);
            Token close = next();
            if (close.is(")")) {
                return inner;
            }
            if (close.type() == Type.END) {
                throw error("missing ')' for the '(' here", t);
            }
            throw unexpectedAfterTest(close);
        }
        if (t.type() == Type.WORD && !isKeyword(t.text())) {
            return test(t);
        }
        String where = before == null ? "" : " after " + before.shown();
        if (t.type() == Type.END || t.is(")")) {
            throw error("expected a field or protocol" + where, t);
        }
        throw error("expected a field or protocol" + where + ", not " + t.shown(), t);
    }

    // ---- tests ----

    private FilterNode test(Token name) throws DisplayFilterException {
        FieldDef field = field(name);
        Token t = peek();
        Relation rel = t.type() == Type.STRING ? null : Relation.of(t.text());
        if (rel != null) {
            next();
            requireValued(field, name, t);
            return compare(field, rel, t);
        }
        if (t.is("&")) {
            next();
            return bitwise(field, name, t);
        }
        if (t.type() == Type.WORD && t.text().equalsIgnoreCase("in")) {
            next();
            requireValued(field, name, t);
            return set(field, t);
        }
        boolean contains = t.type() == Type.WORD && t.text().equalsIgnoreCase("contains");
        if (contains || t.is("~") || t.type() == Type.WORD && t.text().equalsIgnoreCase("matches")) {
            next();
            return search(field, contains ? TextNodes.Op.CONTAINS : TextNodes.Op.MATCHES, t);
        }
        return new Nodes.Present(field);
    }

    /** {@code contains} or {@code matches} on a text field or on a protocol's bytes. */
    private FilterNode search(FieldDef field, TextNodes.Op op, Token t) throws DisplayFilterException {
        boolean bytes = field.kind == Kind.PROTOCOL && field.start != null;
        if (field.kind != Kind.STRING && !bytes) {
            throw error("'" + t.text() + "' needs a text field or a protocol; " + field.name + " is "
                    + (field.kind == Kind.PROTOCOL ? "a protocol without bytes of its own" : field.kind.description), t);
        }
        Token v = value(t);
        Pattern pattern = op == TextNodes.Op.MATCHES ? regex(v) : null;
        byte[] literal = Literals.bytesOrText(v.text(), bytes && v.type() == Type.WORD);
        if (bytes) {
            return new TextNodes.BytesTest(field.start, op, literal, pattern);
        }
        return new TextNodes.TextTest(field, op, null, literal, pattern);
    }

    /** Wireshark's {@code matches}: a search, case-insensitive unless the pattern says (?-i). */
    private static Pattern regex(Token v) throws DisplayFilterException {
        try {
            return Pattern.compile(v.text(), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw error(v.shown() + " is not a valid regular expression: " + e.getDescription(), v);
        }
    }

    private FilterNode compare(FieldDef field, Relation rel, Token op) throws DisplayFilterException {
        Token v = value(op);
        FieldDef other = v.type() == Type.WORD && field.kind != Kind.STRING ? Fields.lookup(v.text()) : null;
        if (other != null) {
            return fieldCompare(field, rel, other, v);
        }
        String text = v.text();
        switch (field.kind) {
            case STRING:
                return new TextNodes.TextTest(field, TextNodes.Op.COMPARE, rel, text.getBytes(StandardCharsets.UTF_8), null);
            case IPV6:
                return AddressComparisons.ipv6(field, rel, op, v);
            case IPV4:
                return AddressComparisons.ipv4(field, rel, op, v);
            case MAC: {
                long mac = Literals.mac(text);
                if (mac < 0) {
                    throw error(v.shown() + " is not a valid Ethernet address (write 00:11:22:33:44:55)", v);
                }
                return new Nodes.LongCompare(field.longs, rel, -1L, mac);
            }
            case TIME: {
                long nanos = Literals.seconds(text);
                if (nanos < 0) {
                    throw error(v.shown() + " is not a valid time for " + field.name + " (write seconds: 0.25)", v);
                }
                return new Nodes.LongCompare(field.longs, rel, -1L, nanos);
            }
            default:
                return longCompare(field, rel, -1L, number(field, v));
        }
    }

    /** {@code (field & mask) REL value} on a header field (either side) or an application field (any occurrence). */
    static FilterNode longCompare(FieldDef field, Relation rel, long mask, long value) {
        if (field.app != null) {
            return new AppNodes.LongCompare(field.app, rel, mask, value);
        }
        return new Nodes.LongCompare(field.longs, rel, mask, value);
    }

    private FilterNode fieldCompare(FieldDef field, Relation rel, FieldDef other, Token v)
            throws DisplayFilterException {
        if (field.kind == other.kind && (field.app != null || other.app != null)) {
            throw error("comparing two fields works on header fields only; compare " + field.name
                    + " with a value", v);
        }
        if (field.kind != other.kind || !field.isLong()) {
            throw error("cannot compare " + field.name + " (" + field.kind.description + ") with "
                    + other.name + " (" + other.kind.description + ")", v);
        }
        return new Nodes.FieldCompare(field.longs, rel, other.longs);
    }

    private FilterNode bitwise(FieldDef field, Token name, Token amp) throws DisplayFilterException {
        if (field.kind != Kind.NUMBER) {
            throw error("'&' needs an integer field; " + field.name + " is " + field.kind.description, amp);
        }
        Token m = value(amp);
        long mask = number(field, m);
        Token t = peek();
        Relation rel = t.type() == Type.STRING ? null : Relation.of(t.text());
        if (rel == null) {
            return longCompare(field, Relation.GT, mask, 0);
        }
        next();
        return longCompare(field, rel, mask, number(field, value(t)));
    }

    private FilterNode set(FieldDef field, Token in) throws DisplayFilterException {
        if (field.kind != Kind.NUMBER && field.kind != Kind.BOOLEAN) {
            throw error("'in' needs an integer field; " + field.name + " is " + field.kind.description, in);
        }
        Token open = next();
        if (!open.is("{")) {
            throw error("expected '{' after 'in'", open);
        }
        List<long[]> ranges = new ArrayList<>();
        while (true) {
            Token t = next();
            if (t.is("}")) {
                break;
            }
            if (t.is(",")) {
                continue;
            }
            if (t.type() == Type.END) {
                throw error("missing '}' for the '{' here", open);
            }
            if (t.type() != Type.WORD) {
                throw error("expected a number or a range like 8000..8080, not " + t.shown(), t);
            }
            int dots = t.text().indexOf("..");
            if (dots < 0) {
                long v = number(field, t);
                ranges.add(new long[] {v, v});
            } else {
                long lo = number(field, sub(t, 0, dots));
                long hi = number(field, sub(t, dots + 2, t.text().length()));
                ranges.add(new long[] {lo, hi});
            }
        }
        if (ranges.isEmpty()) {
            throw error("the set is empty", open);
        }
        long[] low = new long[ranges.size()];
        long[] high = new long[ranges.size()];
        for (int i = 0; i < low.length; i++) {
            low[i] = ranges.get(i)[0];
            high[i] = ranges.get(i)[1];
        }
        if (field.app != null) {
            return new AppNodes.InSet(field.app, low, high);
        }
        return new Nodes.LongInSet(field.longs, low, high);
    }

    // ---- pieces ----

    private FieldDef field(Token name) throws DisplayFilterException {
        FieldDef f = Fields.lookup(name.text());
        if (f == null) {
            f = Fields.lookup(name.text().toLowerCase(Locale.ROOT));
        }
        if (f == null) {
            String guess = Suggest.nearest(name.text(), Fields.names());
            throw error("\"" + name.text() + "\" is not a valid protocol or protocol field"
                    + (guess == null ? "" : " (did you mean \"" + guess + "\"?)"), name);
        }
        return f;
    }

    private void requireValued(FieldDef field, Token name, Token op) throws DisplayFilterException {
        if (field.kind == Kind.PROTOCOL) {
            throw error("\"" + field.name + "\" is a protocol: test it alone (\"" + field.name
                    + "\"), or compare one of its fields", op);
        }
    }

    private Token value(Token op) throws DisplayFilterException {
        Token v = next();
        if (v.type() == Type.WORD && !isKeyword(v.text()) || v.type() == Type.STRING) {
            return v;
        }
        throw error("expected a value after " + op.shown(), v);
    }

    private long number(FieldDef field, Token v) throws DisplayFilterException {
        String text = v.text();
        long n;
        if (field.kind == Kind.BOOLEAN && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            n = text.equalsIgnoreCase("true") ? 1 : 0;
        } else {
            n = Literals.number(text);
        }
        if (n < 0) {
            throw error(v.shown() + " is not a valid number for " + field.name, v);
        }
        if (n > field.max) {
            throw error(v.shown() + " is too big for " + field.name + " (maximum " + field.max + ")", v);
        }
        return n;
    }

    private static Token sub(Token t, int from, int to) {
        return new Token(Type.WORD, t.text().substring(from, to), t.column() + from, Math.max(1, to - from));
    }

    private DisplayFilterException unexpectedAfterTest(Token t) {
        if (t.is(")")) {
            return error("unexpected ')' without a matching '('", t);
        }
        return error("expected '&&' or '||' before " + t.shown(), t);
    }

    private static boolean isKeyword(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "and": case "or": case "xor": case "not": case "in": case "contains": case "matches":
                return true;
            default:
                return Relation.of(word) != null;
        }
    }

    private boolean peekWord(String symbol, String word) {
        Token t = peek();
        return t.type() == Type.SYMBOL && t.text().equals(symbol)
                || t.type() == Type.WORD && t.text().equalsIgnoreCase(word);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.type() != Type.END) {
            pos++;
        }
        return t;
    }

    static DisplayFilterException error(String problem, Token at) {
        return new DisplayFilterException(problem, at.column(), at.length());
    }
}
