package org.wiretop.capture.format;

/**
 * TCP options in tcpdump's words ({@code mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7}),
 * read from the captured header bytes so every option prints in its order, including ones the
 * decoder only counts. Every read is bounded by the option area and the captured length.
 */
final class TcpOptionsText {
    private static final int EOL = 0, NOP = 1, MSS = 2, WSCALE = 3, SACK_OK = 4, SACK = 5,
            TIMESTAMP = 8;

    private TcpOptionsText() {
    }

    /**
     * Appends the options between {@code start} and {@code end} (end already clipped to what was
     * captured) without the surrounding {@code options [...]}; SACK edges print relative to
     * {@code sackBase} (0 for absolute numbers).
     */
    static void append(LineBuilder out, byte[] d, int start, int end, long sackBase) {
        int p = start;
        boolean first = true;
        while (p < end) {
            if (!first) {
                out.append(',');
            }
            first = false;
            int kind = d[p] & 0xff;
            int len;
            if (kind == EOL || kind == NOP) {
                len = 1;
            } else {
                if (p + 1 >= end) {
                    appendName(out, kind);
                    out.append("[|tcp]");
                    return;
                }
                len = d[p + 1] & 0xff;
                if (len < 2 || p + len > end) {
                    appendName(out, kind);
                    out.append("[bad opt]");
                    return;
                }
            }
            appendName(out, kind);
            int data = p + (len == 1 ? 1 : 2);
            int dataLen = len - (len == 1 ? 1 : 2);
            int expected = appendValue(out, kind, d, data, dataLen, sackBase);
            if (expected >= 0 && expected != dataLen) {
                out.append("[len ").append(len).append(']');
            }
            if (kind == EOL) {
                return;
            }
            p += len;
        }
    }

    /** Appends the option's value; returns the data length the option should have, or -1. */
    private static int appendValue(LineBuilder out, int kind, byte[] d, int p, int n, long sackBase) {
        switch (kind) {
            case EOL:
            case NOP:
            case SACK_OK:
                return 0;
            case MSS:
                if (n >= 2) {
                    out.append(' ').append(u16(d, p));
                }
                return 2;
            case WSCALE:
                if (n >= 1) {
                    out.append(' ').append(d[p] & 0xff);
                }
                return 1;
            case TIMESTAMP:
                if (n >= 8) {
                    out.append(" val ").append(u32(d, p)).append(" ecr ").append(u32(d, p + 4));
                }
                return 8;
            case SACK:
                if (n % 8 != 0) {
                    out.append(" invalid sack");
                    return -1;
                }
                out.append(' ').append(n / 8).append(' ');
                for (int i = 0; i < n; i += 8) {
                    out.append('{').append((u32(d, p + i) - sackBase) & 0xffffffffL).append(':')
                            .append((u32(d, p + i + 4) - sackBase) & 0xffffffffL).append('}');
                }
                return n;
            default:
                if (n > 0) {
                    out.append(" 0x");
                    for (int i = 0; i < n; i++) {
                        out.appendHex2(d[p + i] & 0xff);
                    }
                }
                return -1;
        }
    }

    private static void appendName(LineBuilder out, int kind) {
        switch (kind) {
            case EOL: out.append("eol"); break;
            case NOP: out.append("nop"); break;
            case MSS: out.append("mss"); break;
            case WSCALE: out.append("wscale"); break;
            case SACK_OK: out.append("sackOK"); break;
            case SACK: out.append("sack"); break;
            case 6: out.append("echo"); break;
            case 7: out.append("echoreply"); break;
            case TIMESTAMP: out.append("TS"); break;
            case 11: out.append("cc"); break;
            case 12: out.append("ccnew"); break;
            case 13: out.append("ccecho"); break;
            case 19: out.append("md5"); break;
            case 20: out.append("scps"); break;
            case 28: out.append("uto"); break;
            case 29: out.append("tcp-ao"); break;
            case 30: out.append("mptcp"); break;
            case 34: out.append("tfo"); break;
            case 253:
            case 254: out.append("exp"); break;
            default: out.append("unknown-").append(kind);
        }
    }

    static int u16(byte[] d, int p) {
        return (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
    }

    static long u32(byte[] d, int p) {
        return ((long) u16(d, p) << 16) | u16(d, p + 2);
    }
}
