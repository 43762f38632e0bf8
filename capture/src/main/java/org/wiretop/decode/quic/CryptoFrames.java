package org.wiretop.decode.quic;

import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.tls.TlsHandshake;

/**
 * The frames of a decrypted Initial packet (RFC 9000 §19; an Initial may carry only PADDING,
 * PING, ACK, CRYPTO and CONNECTION_CLOSE, §12.4) and the TLS handshake messages its CRYPTO frames
 * carry (RFC 9001 §4: no record layer, just messages), read by the TLS hello parser as tshark does.
 *
 * <pre>
 * frame:  type(i) ...          CRYPTO: type 0x06, offset(i), length(i), data[length]
 * (i) = variable-length integer: the first byte's top two bits give its length, 1/2/4/8 bytes
 * </pre>
 * CRYPTO frames may come in any order (Chrome shuffles them): their data is placed by offset into
 * a buffer of {@link #MAX_CRYPTO} bytes, and the messages are read from its contiguous start. A
 * ClientHello that goes on in the next Initial is read as far as this packet has it.
 * The plaintext was authenticated, so a frame that runs past it is invalid, not truncated.
 */
final class CryptoFrames {
    static final int MAX_FRAMES = 32, MAX_CRYPTO = 8192, MAX_PIECES = 32, MAX_MESSAGES = 16;
    static final int PADDING = 0x00, PING = 0x01, ACK = 0x02, ACK_ECN = 0x03, CRYPTO = 0x06,
            CLOSE = 0x1c, CLOSE_APP = 0x1d;

    final int[] types = new int[MAX_FRAMES];
    int typeCount;
    final int[] messages = new int[MAX_MESSAGES];
    final int[] messageLengths = new int[MAX_MESSAGES];
    int messageCount;
    final TlsHandshake hello = new TlsHandshake();

    private final byte[] crypto = new byte[MAX_CRYPTO];
    private final int[] pieceStart = new int[MAX_PIECES], pieceEnd = new int[MAX_PIECES];
    private int pieces;
    private final PacketBuf view = new PacketBuf();
    /** The frame walk's cursor over the plaintext. */
    private byte[] in;
    private int at, end;

    void clear() {
        typeCount = messageCount = pieces = 0;
        hello.clear();
    }

    /** Walks the frames of {@code plain[0, length)}; false when one is malformed ({@code s} says how). */
    boolean parse(byte[] plain, int length, PacketSummary s) {
        clear();
        in = plain;
        at = 0;
        end = length;
        while (at < end) { // every pass consumes a byte or more
            long type = varint();
            if (type < 0) {
                return invalid(s, "quic-frame-type # bytes", end - at);
            }
            if (typeCount < MAX_FRAMES && (type != PADDING || typeCount == 0 || types[typeCount - 1] != PADDING)) {
                types[typeCount++] = (int) Math.min(type, Integer.MAX_VALUE);
            }
            if (!frame(type, s)) {
                return false;
            }
        }
        return handshake(s);
    }

    private boolean frame(long type, PacketSummary s) {
        if (type == PADDING) {
            while (at < end && in[at] == 0) {
                at++;
            }
            return true;
        }
        if (type == PING) {
            return true;
        }
        if (type == ACK || type == ACK_ECN) {
            long largest = varint(), delay = varint(), ranges = varint(), first = varint();
            if (largest < 0 || delay < 0 || ranges < 0 || first < 0 || ranges > end - at) {
                return invalid(s, "quic-ack-frame # bytes", end - at);
            }
            for (long r = 0; r < 2 * ranges + (type == ACK_ECN ? 3 : 0); r++) { // each takes a byte or more
                if (varint() < 0) {
                    return invalid(s, "quic-ack-frame # bytes", end - at);
                }
            }
            return true;
        }
        if (type == CRYPTO) {
            long offset = varint(), length = varint();
            if (offset < 0 || length < 0 || length > end - at) {
                return invalid(s, "quic-crypto-length # > packet", Math.max(length, 0));
            }
            keep(offset, at, (int) length);
            at += (int) length;
            return true;
        }
        if (type == CLOSE || type == CLOSE_APP) {
            long code = varint(), frameType = type == CLOSE ? varint() : 0, reason = varint();
            if (code < 0 || frameType < 0 || reason < 0 || reason > end - at) {
                return invalid(s, "quic-close-frame # bytes", end - at);
            }
            at += (int) reason;
            return true;
        }
        return invalid(s, "quic-frame-type # in Initial", type);
    }

    /** Places CRYPTO data at its stream offset, as far as the buffer goes. */
    private void keep(long offset, int from, int length) {
        if (offset >= MAX_CRYPTO || pieces == MAX_PIECES) {
            return;
        }
        int n = (int) Math.min(length, MAX_CRYPTO - offset);
        System.arraycopy(in, from, crypto, (int) offset, n);
        pieceStart[pieces] = (int) offset;
        pieceEnd[pieces++] = (int) offset + n;
    }

    /** Reads the handshake messages of the CRYPTO stream's contiguous start; false when a hello is invalid. */
    private boolean handshake(PacketSummary s) {
        int contiguous = 0;
        for (boolean grew = true; grew; ) { // at most MAX_PIECES passes
            grew = false;
            for (int i = 0; i < pieces; i++) {
                if (pieceStart[i] <= contiguous && pieceEnd[i] > contiguous) {
                    contiguous = pieceEnd[i];
                    grew = true;
                }
            }
        }
        view.wrap(crypto, contiguous, contiguous);
        view.enter("quic");
        for (int p = 0; p + 4 <= contiguous && messageCount < MAX_MESSAGES; ) {
            int type = crypto[p] & 0xff;
            int length = (crypto[p + 1] & 0xff) << 16 | (crypto[p + 2] & 0xff) << 8 | (crypto[p + 3] & 0xff);
            messages[messageCount] = type;
            messageLengths[messageCount++] = length;
            if ((type == TlsHandshake.CLIENT_HELLO || type == TlsHandshake.SERVER_HELLO) && hello.type() < 0
                    && !hello.parse(view, type, p + 4, p + 4 + length, contiguous, s)) {
                return false;
            }
            p += 4 + length;
        }
        return true;
    }

    /** A variable-length integer at the cursor, or -1 when it runs past the end. */
    private long varint() {
        if (at >= end) {
            return -1;
        }
        int length = 1 << ((in[at] & 0xff) >>> 6);
        if (at + length > end) {
            return -1;
        }
        long v = in[at] & 0x3f;
        for (int i = 1; i < length; i++) {
            v = v << 8 | (in[at + i] & 0xff);
        }
        at += length;
        return v;
    }

    private static boolean invalid(PacketSummary s, String reason, long value) {
        s.invalid(reason, value);
        return false;
    }
}
