package org.wiretop.cli;

/** A strict little JSON syntax check (objects, arrays, strings, numbers, literals) for the tests. */
final class JsonCheck {
    private final String s;
    private int p;

    private JsonCheck(String s) {
        this.s = s;
    }

    /** True when {@code text} is exactly one JSON object. */
    static boolean isObject(String text) {
        JsonCheck c = new JsonCheck(text);
        try {
            c.ws();
            if (c.peek() != '{') {
                return false;
            }
            c.value();
            c.ws();
            return c.p == text.length();
        } catch (IllegalStateException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

    private char peek() {
        return s.charAt(p);
    }

    private void ws() {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
    }

    private void expect(char c) {
        if (s.charAt(p++) != c) {
            throw new IllegalStateException("expected " + c + " at " + (p - 1));
        }
    }

    private void value() {
        ws();
        char c = peek();
        if (c == '{') {
            p++;
            ws();
            if (peek() == '}') {
                p++;
                return;
            }
            while (true) {
                ws();
                string();
                ws();
                expect(':');
                value();
                ws();
                if (peek() == ',') {
                    p++;
                    continue;
                }
                expect('}');
                return;
            }
        } else if (c == '[') {
            p++;
            ws();
            if (peek() == ']') {
                p++;
                return;
            }
            while (true) {
                value();
                ws();
                if (peek() == ',') {
                    p++;
                    continue;
                }
                expect(']');
                return;
            }
        } else if (c == '"') {
            string();
        } else if (s.startsWith("true", p) || s.startsWith("null", p)) {
            p += 4;
        } else if (s.startsWith("false", p)) {
            p += 5;
        } else {
            number();
        }
    }

    private void string() {
        expect('"');
        while (true) {
            char c = s.charAt(p++);
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw new IllegalStateException("control character in string");
            }
            if (c == '\\') {
                char e = s.charAt(p++);
                if (e == 'u') {
                    Integer.parseInt(s.substring(p, p + 4), 16);
                    p += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw new IllegalStateException("bad escape");
                }
            }
        }
    }

    private void number() {
        int start = p;
        if (peek() == '-') {
            p++;
        }
        while (p < s.length() && "0123456789.eE+-".indexOf(s.charAt(p)) >= 0) {
            p++;
        }
        String n = s.substring(start, p);
        if (n.isEmpty() || n.equals("-")) {
            throw new IllegalStateException("bad value at " + start);
        }
        Double.parseDouble(n);
    }
}
