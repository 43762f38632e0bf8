package org.wiretop.capture.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits filter text into tokens. A word is a maximal run of name-or-literal characters
 * (letters, digits, {@code _ . : - /}), so {@code ip.src}, {@code 10.0.0.0/8}, {@code fe80::1}
 * and {@code 00:11:22:33:44:55} are one token each and are interpreted only once the parser
 * knows the field's type, as Wireshark does.
 */
final class FilterLexer {
    enum Type { WORD, STRING, SYMBOL, END }

    /** One token; {@code column} is 1-based. */
    record Token(Type type, String text, int column, int length) {
        boolean is(String symbolOrWord) {
            return type != Type.STRING && type != Type.END && text.equals(symbolOrWord);
        }

        /** How the token reads in an error message. */
        String shown() {
            switch (type) {
                case END: return "the end";
                case STRING: return "\"" + text + "\"";
                case SYMBOL: return "'" + text + "'";
                default: return "\"" + text + "\"";
            }
        }
    }

    private static final String[] SYMBOLS = {"==", "!=", "<=", ">=", "&&", "||", "^^", "<", ">", "!", "&",
            "(", ")", "{", "}", ",", "~"};

    private FilterLexer() {
    }

    static List<Token> tokenize(String text) throws DisplayFilterException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                out.add(new Token(Type.WORD, text.substring(start, i), start + 1, i - start));
            } else if (c == '"') {
                i = string(text, i, out);
            } else {
                String sym = symbolAt(text, i);
                if (sym == null) {
                    String hint = c == '=' ? " (use '==' to compare)" : "";
                    throw new DisplayFilterException("unexpected character '" + c + "'" + hint, i + 1, 1);
                }
                out.add(new Token(Type.SYMBOL, sym, i + 1, sym.length()));
                i += sym.length();
            }
        }
        out.add(new Token(Type.END, "", n + 1, 1));
        return out;
    }

    private static int string(String text, int start, List<Token> out) throws DisplayFilterException {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                out.add(new Token(Type.STRING, sb.toString(), start + 1, i + 1 - start));
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                i = escape(text, i, sb);
                continue;
            }
            sb.append(c);
            i++;
        }
        throw new DisplayFilterException("the string has no closing '\"'", start + 1, text.length() - start);
    }

    /**
     * Wireshark's escapes in a string ({@code \\ \" \' \a \b \f \n \r \t \v \xhh \ooo}); any other
     * is an error, as there (a regular expression's {@code \d} is written {@code \\d}). Returns the
     * index after the escape.
     */
    private static int escape(String text, int at, StringBuilder sb) throws DisplayFilterException {
        char e = text.charAt(at + 1);
        int simple = "\\\"'abfnrtv".indexOf(e);
        if (simple >= 0) {
            sb.append("\\\"'\u0007\b\f\n\r\t\u000b".charAt(simple));
            return at + 2;
        }
        int radix = e == 'x' ? 16 : e >= '0' && e <= '7' ? 8 : 0;
        int from = e == 'x' ? at + 2 : at + 1;
        int digits = radix == 16 ? 2 : 3;
        int value = 0;
        int i = from;
        while (radix != 0 && i < text.length() && i < from + digits && Character.digit(text.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(i), radix);
            i++;
        }
        if (radix == 0 || i == from || value > 0xff) {
            throw new DisplayFilterException("\\" + e + " is not a valid character escape sequence"
                    + " (write \\\\" + e + " for a backslash)", at + 1, 2);
        }
        sb.append((char) value);
        return i;
    }

    private static String symbolAt(String text, int i) {
        for (String s : SYMBOLS) {
            if (text.startsWith(s, i)) {
                return s;
            }
        }
        return null;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-' || c == '/');
    }
}
