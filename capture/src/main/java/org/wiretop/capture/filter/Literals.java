package org.wiretop.capture.filter;

/**
 * Parses the literal values a filter compares with: numbers (decimal, {@code 0x} hex,
 * {@code 0b} binary and, as in Wireshark, a leading {@code 0} for octal), IPv4 and IPv6
 * addresses and Ethernet (MAC) addresses. Each returns -1 / null for text it does not accept;
 * none resolves host names.
 */
final class Literals {
    private Literals() {
    }

    /** The value of an unsigned number, or -1 when the text is not one (or overflows). */
    static long number(String text) {
        int radix = 10;
        String digits = text;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = text.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            digits = text.substring(2);
        } else if (text.length() > 1 && text.charAt(0) == '0') {
            radix = 8;
            digits = text.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 64) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0 || value > (Long.MAX_VALUE - d) / radix) {
                return -1;
            }
            value = value * radix + d;
        }
        return value;
    }

    /**
     * A non-negative time in seconds ({@code 0.25}, {@code 3}, {@code 1e-3}) as nanoseconds, or -1
     * when the text is not one (or is beyond 100 years).
     */
    static long seconds(String text) {
        if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '.')) {
            return -1;
        }
        try {
            java.math.BigDecimal s = new java.math.BigDecimal(text);
            if (s.signum() < 0 || s.compareTo(java.math.BigDecimal.valueOf(3_155_760_000L)) > 0) {
                return -1;
            }
            return s.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    /** A dotted quad as an unsigned 32-bit value, or -1. */
    static long ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /**
     * An IPv6 address as {high, low} 64-bit halves, or null. Accepts {@code ::} compression and
     * a trailing dotted quad ({@code ::ffff:10.0.0.1}).
     */
    static long[] ipv6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0 || text.endsWith(":") && !text.endsWith("::")) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        String rest = text;
        if (rest.startsWith("::")) {
            gap = 0;
            rest = rest.substring(2);
        } else if (rest.startsWith(":")) {
            return null;
        }
        if (!rest.isEmpty()) {
            String[] parts = rest.split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (p.isEmpty()) {
                    // "::" in the middle (one empty part) or at the end (trailing empty part)
                    boolean trailing = i == parts.length - 1 && i > 0 && parts[i - 1].isEmpty();
                    if (trailing) {
                        continue;
                    }
                    if (gap >= 0) {
                        return null;
                    }
                    gap = count;
                    continue;
                }
                if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                    long v4 = ipv4(p);
                    if (v4 < 0 || count > 6) {
                        return null;
                    }
                    groups[count++] = (int) (v4 >>> 16);
                    groups[count++] = (int) (v4 & 0xffff);
                    continue;
                }
                if (p.length() > 4 || count >= 8) {
                    return null;
                }
                int g = 0;
                for (int k = 0; k < p.length(); k++) {
                    int d = Character.digit(p.charAt(k), 16);
                    if (d < 0) {
                        return null;
                    }
                    g = g << 4 | d;
                }
                groups[count++] = g;
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | full[i];
            lo = lo << 16 | full[i + 4];
        }
        return new long[] {hi, lo};
    }

    /**
     * Six bytes as hex pairs separated by {@code :}, {@code -} or {@code .}
     * ({@code 00:11:22:33:44:55}), or Cisco's {@code 0011.2233.4455}; -1 when not one.
     */
    static long mac(String text) {
        String hex;
        if (text.length() == 17) {
            char sep = text.charAt(2);
            if (sep != ':' && sep != '-' && sep != '.') {
                return -1;
            }
            StringBuilder sb = new StringBuilder(12);
            for (int i = 0; i < 17; i++) {
                if (i % 3 == 2) {
                    if (text.charAt(i) != sep) {
                        return -1;
                    }
                } else {
                    sb.append(text.charAt(i));
                }
            }
            hex = sb.toString();
        } else if (text.length() == 14 && text.charAt(4) == '.' && text.charAt(9) == '.') {
            hex = text.substring(0, 4) + text.substring(5, 9) + text.substring(10);
        } else {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < 12; i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            value = value << 4 | d;
        }
        return value;
    }

    /** A byte string when allowed and {@code text} is one, else the text's UTF-8 bytes. */
    static byte[] bytesOrText(String text, boolean bytesAllowed) {
        byte[] b = bytesAllowed ? bytes(text) : null;
        return b != null ? b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A byte string as Wireshark writes one ({@code 47:45:54}, {@code 47-45-54}, {@code 47.45.54},
     * or one byte {@code 47}), or null.
     */
    static byte[] bytes(String text) {
        char sep = text.length() > 2 ? text.charAt(2) : 0;
        String[] parts = sep == 0 ? new String[] {text} : text.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        if (sep != 0 && sep != ':' && sep != '-' && sep != '.') {
            return null;
        }
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int hi = p.length() == 2 ? Character.digit(p.charAt(0), 16) : -1;
            int lo = p.length() == 2 ? Character.digit(p.charAt(1), 16) : -1;
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
