package org.wiretop.txn;

/**
 * The values tshark's reassembly reads from lines, byte by byte for each {@link HttpFramer} slot,
 * in constant space whatever the line's length: which of Content-Length, Content-Type and
 * Transfer-Encoding a header line is (case-insensitive name and colon, as {@code
 * g_ascii_strncasecmp}), a Content-Length as {@code g_strstrip} then {@code ws_strtoi32} read it
 * (the whole value, decimal, int32), whether a Transfer-Encoding starts with {@code chunked} and a
 * Content-Type with {@code application/rpc}, and a chunk size as {@code sscanf("%x")} reads it.
 * The C strings end at a NUL byte.
 */
final class HttpLineValues {
    /** Which header a line is; 0 while its name is being read, -1 another. */
    static final byte CL = 1, CT = 2, TE = 4;
    private static final byte[][] NAMES = {"content-length:".getBytes(), "content-type:".getBytes(),
            "transfer-encoding:".getBytes()};
    private static final byte[] CHUNKED = "chunked".getBytes(), RPC = "application/rpc".getBytes();
    /** Number states: leading blanks, a sign, digits, trailing blanks; 8 a number ended (hex) or not a number (decimal), 9 none. */
    private static final byte NUMBER_ENDED = 8, NO_NUMBER = 9;

    private final byte[] names, header, state;
    private final long[] number;
    private final boolean[] negative, ended;

    HttpLineValues(int slots) {
        names = new byte[slots];
        header = new byte[slots];
        state = new byte[slots];
        number = new long[slots];
        negative = new boolean[slots];
        ended = new boolean[slots];
    }

    /** A new line. */
    void begin(int d) {
        names[d] = CL | CT | TE;
        header[d] = 0;
        state[d] = 0;
        number[d] = 0;
        negative[d] = false;
        ended[d] = false;
    }

    /** Which header the line is: {@link #CL}, {@link #CT}, {@link #TE}, or 0 / -1. */
    byte header(int d) {
        return header[d];
    }

    /** A header line's byte at {@code n}: its name matched against the three that matter, then its value read. */
    void headerByte(int d, int n, int c) {
        if (header[d] == 0) {
            int lower = c >= 'A' && c <= 'Z' ? c + 32 : c;
            int still = 0;
            for (int k = 0; k < NAMES.length; k++) {
                int bit = 1 << k;
                if ((names[d] & bit) != 0 && n < NAMES[k].length && NAMES[k][n] == lower) {
                    still |= bit;
                    if (n == NAMES[k].length - 1) {
                        header[d] = (byte) bit;
                    }
                }
            }
            names[d] = (byte) still;
            if (still == 0 && header[d] == 0) {
                header[d] = -1;
            }
            return;
        }
        if (c == 0) {
            ended[d] = true;
        }
        if (ended[d]) {
            return;
        }
        if (header[d] == CL) {
            decimalByte(d, c);
        } else if (header[d] == TE) {
            prefixByte(d, c, CHUNKED, true, true);
        } else if (header[d] == CT) {
            prefixByte(d, c, RPC, false, false);
        }
    }

    /** A Content-Length line's value: whether it is an int32 (then {@link #decimal}). */
    boolean isDecimal(int d) {
        long v = decimal(d);
        return (state[d] == 2 || state[d] == 3) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    /** What ws_strtoi32 leaves in its output: the value, 0 for no number, or the bound it passed. */
    long decimal(int d) {
        if (state[d] != 2 && state[d] != 3) {
            return 0;
        }
        long v = negative[d] ? -number[d] : number[d];
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** A Transfer-Encoding line starting with {@code chunked}. */
    boolean chunked(int d) {
        return state[d] == CHUNKED.length + 1;
    }

    /** A Content-Type line starting with {@code application/rpc}. */
    boolean rpc(int d) {
        return state[d] == RPC.length + 1;
    }

    private void decimalByte(int d, int c) {
        boolean space = c == ' ' || c == '\t' || c == 0x0b || c == '\f';
        switch (state[d]) {
            case 0: // leading blanks
                if (space) {
                    return;
                }
                if (c == '+' || c == '-') {
                    negative[d] = c == '-';
                    state[d] = 1;
                    return;
                }
                // a digit, or not a number
            case 1:
            case 2:
                if (c >= '0' && c <= '9') {
                    number[d] = Math.min(number[d] * 10 + (c - '0'), 1L << 40);
                    state[d] = 2;
                } else {
                    state[d] = state[d] == 2 && space ? 3 : NUMBER_ENDED;
                }
                return;
            case 3: // trailing blanks
                if (!space) {
                    state[d] = NUMBER_ENDED;
                }
                return;
            default:
                break;
        }
    }

    /** Matches the value against {@code word}'s start (after spaces; tabs too when {@code tabs}). */
    private void prefixByte(int d, int c, byte[] word, boolean ignoreCase, boolean tabs) {
        int s = state[d];
        if (s >= word.length + 1) {
            return; // decided: matched (word.length + 1) or not (word.length + 2)
        }
        if (s == 0 && (c == ' ' || tabs && c == '\t')) {
            return;
        }
        int lower = ignoreCase && c >= 'A' && c <= 'Z' ? c + 32 : c;
        state[d] = (byte) (lower == word[s] ? s + 1 == word.length ? word.length + 1 : s + 1 : word.length + 2);
    }

    /** A chunk-size line's byte, as sscanf("%x") reads it: blanks, a sign, 0x, hex digits (';' or any other byte ends it). */
    void hexByte(int d, int c) {
        int s = state[d];
        if (s >= NUMBER_ENDED) {
            return;
        }
        boolean space = c == ' ' || c == '\t' || c == 0x0b || c == '\f';
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (s == 0 && space) {
            return;
        }
        if (s == 0 && (c == '+' || c == '-')) {
            negative[d] = c == '-';
            state[d] = 1;
        } else if (s <= 1 && c == '0') {
            state[d] = 2; // a leading 0: maybe "0x"
        } else if (s == 2 && (c == 'x' || c == 'X')) {
            state[d] = 3;
        } else if (digit >= 0) {
            long v = number[d];
            number[d] = v > (Long.MAX_VALUE >> 4) ? Long.MAX_VALUE : v * 16 + digit;
            state[d] = 4;
        } else {
            state[d] = s >= 2 ? NUMBER_ENDED : NO_NUMBER;
        }
    }

    /** The chunk size sscanf("%x") stores in an unsigned int (strtoul's value, ULONG_MAX past it, negated, cut to 32 bits); -1 when it reads none. */
    long chunkSize(int d) {
        int s = state[d];
        if (s == 0 || s == 1 || s == NO_NUMBER) {
            return -1;
        }
        long v = number[d];
        if (v == Long.MAX_VALUE) {
            return 0xffffffffL;
        }
        return (negative[d] ? -v : v) & 0xffffffffL;
    }
}
