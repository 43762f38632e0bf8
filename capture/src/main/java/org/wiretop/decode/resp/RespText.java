package org.wiretop.decode.resp;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * RESP the way {@code tcpdump -nn} 4.99 prints it ({@code resp_print} in {@code print-resp.c}),
 * so the lines are equal: {@code ": RESP "SET" "k" "v""}, with its words for the odd cases
 * ({@code null}, {@code empty}, {@code length too large}, {@code length negative and not -1},
 * {@code invalid}), its inline commands, its character escapes ({@code ^@}, {@code M-i}) and its
 * {@code [|resp]} for anything cut or malformed. tcpdump recurses into arrays; this walks them
 * with a count of the elements still owed, which prints the same (an array's header prints
 * nothing) and needs no stack however deep the nesting. Every element consumes at least one byte,
 * so the walk ends within the segment's length (the {@code resp_4_infiniteloop} fix).
 */
final class RespText {
    /** tcpdump's return for a cut or malformed element ({@code goto trunc}). */
    private static final int TRUNC = -1;
    /** resp_get_length's answers below zero. */
    private static final int NULL = -1, CUT = -2, TOO_LARGE = -3, NEGATIVE = -4, INVALID = -5;

    private PacketBuf in;
    private LineBuilder out;
    /** Where resp_get_length stopped ({@code *endp}). */
    private int lengthEnd;
    /** Elements the open arrays still expect; an array element's count, when it has one. */
    private long pending;
    private long opened;

    void print(Resp d, PacketBuf view, LineBuilder line) {
        in = view;
        out = line;
        pending = 0;
        out.append(": RESP");
        int bp = d.start();
        int length = d.length();
        while (length > 0 || pending > 0) {
            if (pending > 0) {
                pending--;
            }
            opened = 0;
            int ret = length == 0 ? TRUNC : element(bp, length);
            if (ret < 0) {
                out.append(" [|resp]");
                return;
            }
            pending += opened;
            bp += ret;
            length -= ret;
        }
    }

    /** resp_parse: one element at {@code bp}; returns the bytes it took, or {@link #TRUNC}. */
    private int element(int bp, int length) {
        switch (in.u8(bp)) {
            case '+':
            case ':':
            case '-':
                return simple(bp, length);
            case '$':
                return bulk(bp, length);
            case '*':
                return array(bp, length);
            default:
                return inline(bp, length);
        }
    }

    /** resp_print_string_error_integer: the text up to CRLF. */
    private int simple(int bp, int length) {
        int start = bp + 1;
        int end = findCrlf(start, length - 1);
        if (end < 0) {
            return TRUNC;
        }
        segment(start, end - start);
        return 1 + (end - start) + 2;
    }

    /** resp_print_bulk_string. */
    private int bulk(int bp, int length) {
        int cur = length - 1;
        int p = bp + 1;
        int n = length(p, cur);
        cur -= lengthEnd - p;
        p = lengthEnd;
        if (n >= 0) {
            if (n == 0) {
                out.append(" empty");
            } else {
                if (cur < n || !in.has(p, n)) {
                    return TRUNC;
                }
                segment(p, n);
                p += n;
                cur -= n;
            }
            int crlf = findCrlf(p, cur);
            if (crlf < 0) {
                return TRUNC;
            }
            cur -= crlf - p + 2;
        } else if (!lengthWord(n)) {
            return TRUNC;
        }
        return length - cur;
    }

    /** resp_print_bulk_array: the header; its elements follow as elements of their own. */
    private int array(int bp, int length) {
        int cur = length - 1;
        int p = bp + 1;
        int n = length(p, cur);
        cur -= lengthEnd - p;
        if (n > 0) {
            opened = n;
        } else if (n == 0) {
            out.append(" empty");
        } else if (!lengthWord(n)) {
            return TRUNC;
        }
        return length - cur;
    }

    /** The words tcpdump prints for a length below zero; false for a cut one. */
    private boolean lengthWord(int n) {
        switch (n) {
            case NULL: out.append(" null"); return true;
            case CUT: return false;
            case TOO_LARGE: out.append(" length too large"); return true;
            case NEGATIVE: out.append(" length negative and not -1"); return true;
            default: out.append(" invalid"); return true;
        }
    }

    /** resp_print_inline: skips line ends, prints up to the next CR or LF, skips the line ends after. */
    private int inline(int bp, int length) {
        int cur = length;
        int p = skipLineEnds(bp, cur, false);
        if (p < 0) {
            return TRUNC;
        }
        cur -= p - bp;
        int q = p;
        while (true) {
            if (cur < 1) {
                return TRUNC;
            }
            int c = in.u8(q);
            if (c == '\r' || c == '\n') {
                break;
            }
            q++;
            cur--;
        }
        segment(p, q - p);
        int after = skipLineEnds(q, cur, true);
        cur -= after - q;
        return length - cur;
    }

    /** CONSUME_CR_OR_LF: the offset after the CRs and LFs at {@code p}; -1 when the bytes end before any. */
    private int skipLineEnds(int p, int cur, boolean found) {
        while (true) {
            if (cur == 0 || !in.has(p, 1)) {
                return found ? p : -1;
            }
            int c = in.u8(p);
            if (c != '\r' && c != '\n') {
                return p;
            }
            found = true;
            p++;
            cur--;
        }
    }

    /** FIND_CRLF: the offset of the CRLF at or after {@code p} within {@code cur} bytes, or -1 (trunc). */
    private int findCrlf(int p, int cur) {
        while (true) {
            if (cur < 2 || !in.has(p, 2)) {
                return -1;
            }
            if (in.u8(p) == '\r' && in.u8(p + 1) == '\n') {
                return p;
            }
            p++;
            cur--;
        }
    }

    /**
     * resp_get_length: a decimal length and its CRLF at {@code bp} ({@code len} bytes left);
     * -1 for {@code -1} (null), below that for the odd cases. Sets {@link #lengthEnd}.
     */
    private int length(int bp, int len) {
        if (len == 0) {
            lengthEnd = bp;
            return CUT;
        }
        boolean negative = false;
        if (in.u8(bp) == '-') {
            negative = true;
            bp++;
            len--;
        }
        int result = 0;
        boolean sawDigit = false;
        boolean tooLarge = false;
        while (true) {
            if (len == 0) {
                lengthEnd = bp;
                return CUT;
            }
            int c = in.u8(bp);
            if (c < '0' || c > '9') {
                if (!sawDigit) {
                    lengthEnd = bp + 1;
                    return INVALID;
                }
                break;
            }
            c -= '0';
            if (result > Integer.MAX_VALUE / 10) {
                tooLarge = true;
            } else {
                result *= 10;
                if (result == Integer.MAX_VALUE / 10 * 10 && c > Integer.MAX_VALUE % 10) {
                    tooLarge = true;
                } else {
                    result += c;
                }
            }
            bp++;
            len--;
            sawDigit = true;
        }
        if (in.u8(bp) != '\r') {
            lengthEnd = bp + 1;
            return INVALID;
        }
        bp++;
        len--;
        if (len == 0) {
            lengthEnd = bp;
            return CUT;
        }
        if (in.u8(bp) != '\n') {
            lengthEnd = bp + 1;
            return INVALID;
        }
        lengthEnd = bp + 1;
        if (negative) {
            return tooLarge || result != 1 ? NEGATIVE : NULL;
        }
        return tooLarge ? TOO_LARGE : result;
    }

    /** RESP_PRINT_SEGMENT: {@code  "text"}, each byte as tcpdump's fn_print_char shows it. */
    private void segment(int p, int n) {
        out.append(" \"");
        for (int i = 0; i < n; i++) {
            int c = in.u8(p + i);
            if (c >= 0x80) {
                c &= 0x7f;
                out.append("M-");
            }
            if (c < 0x20 || c == 0x7f) {
                c ^= 0x40;
                out.append('^');
            }
            out.append((char) c);
        }
        out.append('"');
    }
}
