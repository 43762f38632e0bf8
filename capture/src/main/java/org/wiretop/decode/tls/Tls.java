package org.wiretop.decode.tls;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;

/**
 * TLS 1.0-1.3 over TCP (RFC 8446 §5.1 and §4, RFC 5246 §6.2 and §7.4): the records of one
 * segment, and the handshake messages of the records that are in the clear.
 *
 * <pre>
 * record:    type(1) legacy_record_version(2) length(2) fragment[length]
 *            type 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data, 24 heartbeat
 * handshake: msg_type(1) length(3) body[length]      (several may share a record)
 *            1 ClientHello, 2 ServerHello: see {@link TlsHandshake}
 * </pre>
 * Stateless, one segment at a time: records are walked from the first byte of the payload, up to
 * {@link #MAX_RECORDS}; a record that goes on past the segment is read as far as the segment goes.
 * A segment that does not start with a record header (the middle of a record begun in an earlier
 * segment, or no TLS at all) is given back: the packet has no application layer, as tcpdump shows
 * it and as Wireshark does a segment of a reassembled record. Wireshark reassembles a message
 * spread over segments and shows it on the last one; this shows what each segment holds.
 *
 * <p>A handshake record is encrypted (TLS 1.2's Finished) when it follows a ChangeCipherSpec in the
 * same segment or when its bytes do not read as handshake messages.
 */
public final class Tls extends AppDissector {
    static final int CHANGE_CIPHER_SPEC = 20, ALERT = 21, HANDSHAKE = 22, APPLICATION_DATA = 23, HEARTBEAT = 24;
    /** RFC 8446 §5.2: a record's length, encrypted, is at most 2^14 + 256 (RFC 5246: + 2048). */
    static final int MAX_RECORD_LENGTH = 16384 + 2048;
    static final int MAX_RECORDS = 64, MAX_MESSAGES = 64;
    /** A handshake message longer than this is taken for ciphertext, not a fragmented message. */
    private static final int MAX_PLAUSIBLE_MESSAGE = 1 << 18;

    /** What a segment holds, in order (text and Info): kind << 16 | value. */
    static final int ITEM_MESSAGE = 1, ITEM_CCS = 2, ITEM_ALERT = 3, ITEM_ENCRYPTED_ALERT = 4, ITEM_DATA = 5,
            ITEM_ENCRYPTED_HANDSHAKE = 6, ITEM_HEARTBEAT = 7;

    final int[] records = new int[MAX_RECORDS];
    int recordCount;
    final int[] messages = new int[MAX_MESSAGES];
    final int[] messageLengths = new int[MAX_MESSAGES];
    int messageCount;
    final int[] items = new int[MAX_RECORDS + MAX_MESSAGES];
    int itemCount;
    /** The first plaintext alert: level << 8 | description, or -1. */
    int alert;
    final TlsHandshake hello = new TlsHandshake();
    private boolean helloSeen;

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public String label() {
        return "TLS";
    }

    @Override
    public String tcpdumpName() {
        return "tls";
    }

    @Override
    public AppField[] fields() {
        return TlsFields.ALL;
    }

    /** True when a segment starting with this byte (a record's content type) may pass {@link #looksLike}. */
    public static boolean mayStartWith(int firstByte) {
        return firstByte >= CHANGE_CIPHER_SPEC && firstByte <= APPLICATION_DATA;
    }

    /**
     * The TCP heuristic, on any port (Wireshark's rule of thumb): a record header with a content
     * type of 20-23, a version of SSL 3.0 to TLS 1.3 and a plausible length.
     */
    public static boolean looksLike(PacketBuf b, int off) {
        if (!b.has(off, 5)) {
            return false;
        }
        int type = b.u8(off), version = b.u16(off + 1), length = b.u16(off + 3);
        return type >= CHANGE_CIPHER_SPEC && type <= APPLICATION_DATA && version >= 0x0300 && version <= 0x0304
                && length > 0 && length <= MAX_RECORD_LENGTH;
    }

    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        recordCount = messageCount = itemCount = 0;
        alert = -1;
        helloSeen = false;
        hello.clear();
        int off = start();
        int wireEnd = b.reportedEnd();
        if (!isRecordHeader(b, off)) {
            s.app = null; // the middle of a record begun earlier, not TLS, or too little captured to tell
            return;
        }
        boolean afterCcs = false;
        while (off < wireEnd && recordCount < MAX_RECORDS) {
            if (off + 5 > wireEnd) {
                return; // the header goes on in the next segment
            }
            b.require(off, 5);
            int type = b.u8(off), length = b.u16(off + 3);
            if (type < CHANGE_CIPHER_SPEC || type > HEARTBEAT || b.u8(off + 1) != 3) {
                s.invalid("tls-record-type #", type); // a record ended inside the segment: another must follow
                return;
            }
            if (length > MAX_RECORD_LENGTH) {
                s.invalid("tls-record-length # > 18432", length);
                return;
            }
            records[recordCount++] = off;
            int body = off + 5, end = body + length, limit = Math.min(end, wireEnd);
            switch (type) {
                case CHANGE_CIPHER_SPEC:
                    item(ITEM_CCS, 0);
                    afterCcs = true;
                    break;
                case ALERT:
                    if (length == 2 && !afterCcs && limit == end) {
                        alert = b.u16(body);
                        item(ITEM_ALERT, alert);
                    } else {
                        item(ITEM_ENCRYPTED_ALERT, 0);
                    }
                    break;
                case HANDSHAKE:
                    if (afterCcs || !plaintextHandshake(b, body, end, limit)) {
                        item(ITEM_ENCRYPTED_HANDSHAKE, 0);
                    } else if (!messages(b, body, limit, s)) {
                        return;
                    }
                    break;
                case APPLICATION_DATA:
                    item(ITEM_DATA, 0);
                    break;
                default:
                    item(ITEM_HEARTBEAT, 0);
                    break;
            }
            off = end;
        }
    }

    /** True when {@code off} starts a record header (the heuristic's test, on the segment's bytes). */
    private static boolean isRecordHeader(PacketBuf b, int off) {
        if (!b.has(off, 3)) {
            return false;
        }
        int type = b.u8(off);
        return type >= CHANGE_CIPHER_SPEC && type <= HEARTBEAT && b.u8(off + 1) == 3 && b.u8(off + 2) <= 4;
    }

    /** Walks the handshake messages of a record in the clear; false when one is invalid. */
    private boolean messages(PacketBuf b, int p, int limit, PacketSummary s) {
        while (p + 4 <= limit && messageCount < MAX_MESSAGES) {
            int type = b.u8(p), length = b.u8(p + 1) << 16 | b.u16(p + 2);
            messages[messageCount] = type;
            messageLengths[messageCount++] = length;
            item(ITEM_MESSAGE, type);
            int body = p + 4;
            if ((type == TlsHandshake.CLIENT_HELLO || type == TlsHandshake.SERVER_HELLO) && !helloSeen) {
                helloSeen = true;
                if (!hello.parse(b, type, body, body + length, limit, s)) {
                    return false;
                }
            }
            p = body + length;
        }
        return true;
    }

    /**
     * True when the record's bytes read as handshake messages: known types, and lengths that end
     * at the record's end or (a message fragmented over records) go past it. Ciphertext rarely
     * passes: it would need a known type byte and a small length in the right places.
     */
    private static boolean plaintextHandshake(PacketBuf b, int p, int end, int limit) {
        int seen = 0;
        while (p + 4 <= limit) {
            int type = b.u8(p), length = b.u8(p + 1) << 16 | b.u16(p + 2);
            if (!TlsNames.knownHandshake(type) || length > MAX_PLAUSIBLE_MESSAGE || type == 0 && (length != 0 || seen > 0)) {
                return false;
            }
            seen++;
            p += 4 + length;
        }
        if (seen == 0) {
            return limit < end; // not even a header here: the record goes on in the next segment
        }
        return p >= limit || limit < end; // whole messages, or the rest is in the next segment
    }

    private void item(int kind, int value) {
        if (itemCount < items.length) {
            items[itemCount++] = kind << 16 | value;
        }
    }

    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        TlsText.append(this, out, s);
    }

    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        TlsFields.appendInfo(this, out);
    }

    // ---- values for the fields ----

    int recordType(int i) {
        return data()[records[i]] & 0xff;
    }

    int recordVersion(int i) {
        int o = records[i];
        return (data()[o + 1] & 0xff) << 8 | (data()[o + 2] & 0xff);
    }

    int recordLength(int i) {
        int o = records[i];
        return (data()[o + 3] & 0xff) << 8 | (data()[o + 4] & 0xff);
    }
}
