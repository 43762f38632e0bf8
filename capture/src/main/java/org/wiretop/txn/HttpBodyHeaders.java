package org.wiretop.txn;

/**
 * What the headers of the message being read in each {@link HttpFramer} slot say about its body,
 * as tshark's reassembly takes them: the Content-Length (the last one counts, a bad one as
 * {@code ws_strtoi32} leaves it), a chunked Transfer-Encoding, and an RPC type (an RPC_IN/OUT_DATA
 * request or an {@code application/rpc} Content-Type), whose long bodies are not waited for.
 */
final class HttpBodyHeaders {
    /** Content-Length from which an {@code application/rpc} body or an RPC_IN/OUT_DATA request is not waited for. */
    private static final long RPC_LENGTH = 128 * 1024;

    private final long[] contentLength;
    private final boolean[] clFound, chunked, rpcType;

    HttpBodyHeaders(int slots) {
        contentLength = new long[slots];
        clFound = new boolean[slots];
        chunked = new boolean[slots];
        rpcType = new boolean[slots];
    }

    /** A new message in slot {@code d}: no headers yet. */
    void begin(int d) {
        clFound[d] = chunked[d] = rpcType[d] = false;
        contentLength[d] = 0;
    }

    /** The first line ended: whether its method is an RPC one. */
    void firstLine(int d, boolean rpcMethod) {
        rpcType[d] = rpcMethod;
    }

    /** A header line ended: a Content-Length's value taken, a chunked coding or an RPC media type noted. */
    void header(int d, HttpLineValues values, boolean rpcMethod) {
        byte header = values.header(d);
        if (header == HttpLineValues.CL) {
            contentLength[d] = values.decimal(d);
            clFound[d] |= values.isDecimal(d) && contentLength[d] >= 0;
        } else if (header == HttpLineValues.TE) {
            chunked[d] |= values.chunked(d);
        } else if (header == HttpLineValues.CT) {
            rpcType[d] = rpcMethod || values.rpc(d);
        }
    }

    boolean chunked(int d) {
        return chunked[d];
    }

    /** Whether a valid Content-Length was found (then {@link #length}). */
    boolean hasLength(int d) {
        return clFound[d];
    }

    long length(int d) {
        return contentLength[d];
    }

    /**
     * How many of the {@code available} bytes after the headers the dissection takes as the body of
     * a message completed there: by Content-Length, none for a request or a 1xx/204/304 without one,
     * else all.
     */
    long dissected(int d, byte kind, int status, long available) {
        if (clFound[d] && !chunked[d]) {
            return Math.max(0, Math.min(contentLength[d], available));
        }
        if (!chunked[d] && (kind == HttpFramer.REQUEST || kind == HttpFramer.RESPONSE && noBody(status))) {
            return 0;
        }
        return available;
    }

    /** A response status that has no body: 1xx, 204, 304. */
    static boolean noBody(int status) {
        return status / 100 == 1 || status == 204 || status == 304;
    }

    /** Whether the Content-Length body is waited for: a positive length, and not a long one of an RPC type. */
    boolean waitsForLength(int d) {
        long length = contentLength[d];
        return length > 0 && !(length >= RPC_LENGTH && rpcType[d]);
    }
}
