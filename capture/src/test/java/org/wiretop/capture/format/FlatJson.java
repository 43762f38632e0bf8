package org.wiretop.capture.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the flat objects the JSON formatter writes (string, number and array-of-those values,
 * string escapes included) for tests: {@link #parse} keeps the first value of an array, as
 * tshark's {@code -E occurrence=f} shows it; {@link #parseAll} keeps every value.
 */
public final class FlatJson {
    private FlatJson() {
    }

    /** Key → first value. */
    public static Map<String, String> parse(CharSequence s) {
        Map<String, String> first = new HashMap<>();
        parseAll(s).forEach((k, v) -> first.put(k, v.isEmpty() ? "" : v.get(0)));
        return first;
    }

    /** Key → every value (one for a scalar). */
    public static Map<String, List<String>> parseAll(CharSequence s) {
        Map<String, List<String>> map = new HashMap<>();
        int[] at = {skipSpace(s, 0)};
        expect(s, at, '{');
        while (peek(s, at) == '"') {
            String key = string(s, at);
            expect(s, at, ':');
            List<String> values = new ArrayList<>();
            if (peek(s, at) == '[') {
                at[0]++;
                while (peek(s, at) != ']') {
                    values.add(scalar(s, at));
                    if (peek(s, at) == ',') {
                        at[0]++;
                    }
                }
                at[0]++;
            } else {
                values.add(scalar(s, at));
            }
            map.put(key, values);
            if (peek(s, at) == ',') {
                at[0]++;
            }
        }
        expect(s, at, '}');
        return map;
    }

    private static String scalar(CharSequence s, int[] at) {
        if (peek(s, at) == '"') {
            return string(s, at);
        }
        int start = at[0];
        while (at[0] < s.length() && ",]}".indexOf(s.charAt(at[0])) < 0) {
            at[0]++;
        }
        return s.subSequence(start, at[0]).toString().strip();
    }

    private static String string(CharSequence s, int[] at) {
        expect(s, at, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(at[0]++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = s.charAt(at[0]++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'u':
                        b.append((char) Integer.parseInt(s.subSequence(at[0], at[0] + 4).toString(), 16));
                        at[0] += 4;
                        break;
                    default: b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private static char peek(CharSequence s, int[] at) {
        at[0] = skipSpace(s, at[0]);
        if (at[0] >= s.length()) {
            throw new IllegalArgumentException("malformed JSON (ends early): " + s);
        }
        return s.charAt(at[0]);
    }

    private static void expect(CharSequence s, int[] at, char c) {
        if (peek(s, at) != c) {
            throw new IllegalArgumentException("malformed JSON: expected '" + c + "' at " + at[0] + ": " + s);
        }
        at[0]++;
    }

    private static int skipSpace(CharSequence s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
