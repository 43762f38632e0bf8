package org.wiretop.decode.resp;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Truncated;

/**
 * RESP, the Redis serialization protocol (redis.io/docs/reference/protocol-spec, RESP2): every
 * element starts with a type byte and ends with CRLF; a command is an array of bulk strings.
 *
 * <pre>
 * +OK\r\n                 simple string      -ERR message\r\n      error
 * :1000\r\n               integer            $5\r\nhello\r\n       bulk string ($-1: null)
 * *3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n   array of three bulk strings (*-1: null array)
 * PING\r\n                inline command (no type byte)
 * </pre>
 *
 * The decode reads every element of the segment ({@link RespReader}: nesting costs a counter,
 * not a stack, so a deep or huge array is bounded by the bytes there are) and keeps the first
 * {@link #KEPT} of each of tshark 4.0's fields, in the order they come. An element the capture
 * cut makes the packet truncated; one the segment ends in waits for the next segment (as
 * tshark's reassembly); a length that is not a number makes it invalid.
 */
public final class Resp extends AppDissector {
    /** Occurrences kept per field (a filter or JSON sees at most this many). */
    static final int KEPT = 32;

    final long[] arrayLength = new long[KEPT];
    final long[] bulkLength = new long[KEPT];
    final long[] integer = new long[KEPT];
    /** Offsets and lengths of bulk values (non-empty ones, as tshark), simple strings and errors. */
    final int[] bulkStart = new int[KEPT], bulkLen = new int[KEPT];
    final int[] stringStart = new int[KEPT], stringLen = new int[KEPT];
    final int[] errorStart = new int[KEPT], errorLen = new int[KEPT];
    int arrays, bulks, integers, values, strings, errors;

    private final RespReader reader = new RespReader();
    private final RespReader infoReader = new RespReader();
    private final RespText text = new RespText();

    @Override
    public String name() {
        return "resp";
    }

    @Override
    public String label() {
        return "RESP";
    }

    @Override
    public String tcpdumpName() {
        return "resp";
    }

    @Override
    public AppField[] fields() {
        return RespFields.ALL;
    }

    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        arrays = bulks = integers = values = strings = errors = 0;
        RespReader r = reader;
        r.reset(b, start(), end());
        while (!r.atEnd()) {
            int type = r.next();
            switch (type) {
                case RespReader.INCOMPLETE:
                    if (end() < start() + length()) {
                        throw Truncated.INSTANCE; // the capture cut the element
                    }
                    return; // it goes on in the next segment
                case RespReader.MALFORMED:
                    s.invalid("resp-malformed at byte #", r.pos - start());
                    return;
                case RespReader.INLINE:
                    continue; // an inline command: text, no fields (as tshark)
                default:
                    keep(type, r);
                    if (r.badEnd) {
                        s.invalid("resp-malformed at byte #", r.pos - 2 - start());
                        return;
                    }
            }
        }
    }

    private void keep(int type, RespReader r) {
        switch (type) {
            case RespReader.ARRAY:
                if (arrays < KEPT) {
                    arrayLength[arrays++] = r.number;
                }
                break;
            case RespReader.BULK:
                if (bulks < KEPT) {
                    bulkLength[bulks++] = r.number;
                }
                if (r.textLength > 0 && values < KEPT) {
                    bulkStart[values] = r.textStart;
                    bulkLen[values++] = r.textLength;
                }
                break;
            case RespReader.INTEGER:
                if (integers < KEPT) {
                    integer[integers++] = r.number;
                }
                break;
            case RespReader.SIMPLE:
                if (strings < KEPT) {
                    stringStart[strings] = r.textStart;
                    stringLen[strings++] = r.textLength;
                }
                break;
            default:
                if (errors < KEPT) {
                    errorStart[errors] = r.textStart;
                    errorLen[errors++] = r.textLength;
                }
                break;
        }
    }

    /** True when this segment goes to the server: its destination is the port the table matched (6379). */
    boolean toServer(PacketSummary s) {
        return s.dstPort == (matchedPort() >= 0 ? matchedPort() : Math.min(s.srcPort, s.dstPort));
    }

    /** A reader over the segment for the Info column (its own, so decode's state stays). */
    RespReader infoReader(PacketBuf in) {
        infoReader.reset(in, start(), end());
        return infoReader;
    }

    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        text.print(this, in, out);
    }

    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        RespFields.appendInfo(this, in, out, toServer(s));
    }
}
