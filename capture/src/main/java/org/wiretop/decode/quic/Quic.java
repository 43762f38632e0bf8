package org.wiretop.decode.quic;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;

/**
 * QUIC (RFC 9000 §17, RFC 8999's invariants, RFC 9369 for version 2): the packets of one UDP
 * datagram (several long-header packets may be coalesced, a short-header one comes last), and the
 * ClientHello or ServerHello inside an Initial, decrypted with the Initial keys (RFC 9001 §5) as
 * tshark does.
 *
 * <pre>
 * long header:  1 1 TT RR PP | version(32) | DCID len(8) DCID | SCID len(8) SCID |
 *               Initial: token length(i) token | length(i) | packet number(8..32) | payload
 *               Retry: token | integrity tag(128)       version 0: supported versions(32)...
 * short header: 0 1 S RR K PP | DCID (length known only to the endpoints) | packet number | payload
 * </pre>
 * The Initial keys come from the client's first Destination Connection ID: a client Initial is
 * opened with its own; a server Initial with the one its conversation's client used
 * ({@link QuicConnections}). The header is read for versions 1, 2 and the drafts; for other
 * versions only the invariant part (for Google QUIC, only the version).
 */
public final class Quic extends AppDissector {
    static final int MAX_PACKETS = 8, MAX_CID = 20;
    /** RFC 9000 §7.2: a client's first Destination Connection ID has 8 bytes or more. */
    private static final int MIN_CLIENT_DCID = 8;

    final int[] first = new int[MAX_PACKETS];
    final boolean[] longHeader = new boolean[MAX_PACKETS];
    final int[] version = new int[MAX_PACKETS];
    /** Version 1's numbering (0 Initial .. 3 Retry); -1 for version negotiation, short headers, gQUIC. */
    final int[] type = new int[MAX_PACKETS];
    final int[] dcid = new int[MAX_PACKETS], dcidLength = new int[MAX_PACKETS];
    final int[] scid = new int[MAX_PACKETS], scidLength = new int[MAX_PACKETS];
    final long[] tokenLength = new long[MAX_PACKETS], length = new long[MAX_PACKETS];
    final long[] packetNumber = new long[MAX_PACKETS];
    int packets;
    /** A Version Negotiation packet's list of versions. */
    int versions, versionCount;
    /** The Initial whose payload was decrypted, or -1; and whether an attempt failed. */
    int opened;
    boolean decryptionFailed;
    final CryptoFrames frames = new CryptoFrames();
    /** The connection ID tcpdump's table gives the short-header packet {@link #shortPacket}. */
    final byte[] shortCid = new byte[MAX_CID];
    int shortCidLength, shortPacket;

    private final CidRegistry cids = new CidRegistry();
    private final QuicConnections connections = new QuicConnections();
    private final InitialProtection protection = new InitialProtection();
    private int varintLength;

    @Override
    public String name() {
        return "quic";
    }

    @Override
    public String label() {
        return "QUIC";
    }

    @Override
    public String tcpdumpName() {
        return "quic";
    }

    @Override
    public AppField[] fields() {
        return QuicFields.ALL;
    }

    /** True when a datagram starting with this byte (a long header's first byte) may pass {@link #looksLike}. */
    public static boolean mayStartWith(int firstByte) {
        return (firstByte & 0xc0) == 0xc0;
    }

    /**
     * The UDP heuristic, on any port: a long header whose version wiretop knows (1, 2, a draft
     * {@code 0xff0000xx}) and whose Destination Connection ID length is legal.
     */
    public static boolean looksLike(PacketBuf b, int off) {
        if (!b.has(off, 6) || (b.u8(off) & 0xc0) != 0xc0) {
            return false;
        }
        return QuicVersions.known(b.i32(off + 1)) && b.u8(off + 5) <= MAX_CID;
    }

    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        packets = versionCount = 0;
        opened = shortPacket = shortCidLength = -1;
        decryptionFailed = false;
        frames.clear();
        byte[] data = b.array();
        int p = start(), end = b.reportedEnd();
        while (p < end && packets < MAX_PACKETS) {
            int i = packets++;
            first[i] = p;
            dcidLength[i] = scidLength[i] = type[i] = -1;
            tokenLength[i] = length[i] = packetNumber[i] = -1;
            longHeader[i] = (b.u8(p) & 0x80) != 0;
            p = longHeader[i] ? longHeader(b, s, i, p, end) : shortHeader(b, i, p);
            if (p < 0) {
                return;
            }
            while (p < end && p < b.end() && data[p] == 0) {
                p++; // zero bytes after a packet are padding (tcpdump skips them too)
            }
        }
    }

    /** Reads the long-header packet at {@code p}; returns where the next packet starts, or -1. */
    private int longHeader(PacketBuf b, PacketSummary s, int i, int p, int end) {
        if (end - p < 7) { // first byte, version, two connection ID lengths at the least
            s.invalid("quic-long-header # bytes", end - p);
            return -1;
        }
        int v = b.i32(p + 1);
        version[i] = v;
        if (QuicVersions.google(v)) {
            return end; // Google QUIC's own header: Wireshark's gquic, not IETF QUIC
        }
        boolean known = QuicVersions.known(v);
        int q = p + 5;
        for (int cid = 0; cid < 2; cid++) {
            if (q >= end) {
                s.invalid("quic-long-header # bytes", end - p);
                return -1;
            }
            int n = b.u8(q++);
            if (n > MAX_CID && v != QuicVersions.NEGOTIATION) {
                if (known) {
                    s.invalid(cid == 0 ? "quic-dcid-length # > 20" : "quic-scid-length # > 20", n);
                    return -1;
                }
                return end; // another version's header: nothing more to say about it
            }
            if (q + n > end) {
                s.invalid("quic-cid-length # > datagram", n);
                return -1;
            }
            b.require(q, n); // the ID is printed from the packet's bytes: they must have been captured
            if (n > 0 && n <= MAX_CID) {
                cids.register(b.array(), q, n); // as tcpdump's printer does, for the short headers
            }
            if (cid == 0) {
                dcid[i] = q;
                dcidLength[i] = n;
            } else {
                scid[i] = q;
                scidLength[i] = n;
            }
            q += n;
        }
        if (v == QuicVersions.NEGOTIATION) {
            versions = q;
            versionCount = Math.max(0, Math.min(end, b.end()) - q) / 4;
            b.require(q, end - q);
            return end;
        }
        int bits = (b.u8(p) >>> 4) & 3;
        if (!known) {
            type[i] = bits; // read as version 1, as Wireshark does with a version it does not know
            return end;
        }
        int t = QuicVersions.type(v, bits);
        type[i] = t;
        if (t == QuicVersions.RETRY) {
            return end;
        }
        if (t == QuicVersions.INITIAL) {
            long token = varint(b, q, end);
            q += varintLength;
            if (token < 0) {
                s.invalid("quic-long-header # bytes", end - p);
                return -1;
            }
            if (token > end - q) {
                s.invalid("quic-token-length # > datagram", token);
                return -1;
            }
            tokenLength[i] = token;
            q += (int) token;
        }
        long n = varint(b, q, end);
        q += varintLength;
        if (n < 0) {
            s.invalid("quic-long-header # bytes", end - p);
            return -1;
        }
        if (n > end - q) {
            s.invalid("quic-length # > datagram", n);
            return -1;
        }
        length[i] = n;
        int packetEnd = q + (int) n;
        if (t == QuicVersions.INITIAL && opened < 0 && !decryptionFailed && QuicVersions.salt(v) != null
                && !open(b, s, i, p, q, packetEnd)) {
            return -1;
        }
        return packetEnd;
    }

    /**
     * Decrypts Initial {@code i} ({@code [p, end)}, packet number at {@code pn}) with the keys its
     * side and conversation call for; false when its frames are malformed.
     */
    private boolean open(PacketBuf b, PacketSummary s, int i, int p, int pn, int end) {
        byte[] data = b.array();
        int entry = connections.find(s);
        if (!b.has(p, end - p)) {
            if (entry < 0 && dcidLength[i] >= MIN_CLIENT_DCID) {
                connections.learn(s, data, dcid[i], dcidLength[i], false); // a guess: a cut client Initial
            }
            b.require(p, end - p); // the capture ended inside: no tag to check
        }
        int v = version[i];
        boolean ok = false, tried = false;
        if (entry >= 0 && !connections.fromClient(entry, s)) {
            tried = true;
            ok = protection.open(data, p, pn, end, v, connections.cids(), connections.cidOffset(entry),
                    connections.cidLength(entry), true);
        } else {
            if (entry >= 0 && !connections.sameCid(entry, data, dcid[i], dcidLength[i])) {
                tried = true; // a later client Initial: the keys of the first one
                ok = protection.open(data, p, pn, end, v, connections.cids(), connections.cidOffset(entry),
                        connections.cidLength(entry), false);
            }
            if (!ok && dcidLength[i] >= MIN_CLIENT_DCID) {
                tried = true;
                ok = protection.open(data, p, pn, end, v, data, dcid[i], dcidLength[i], false);
                if (ok) {
                    connections.learn(s, data, dcid[i], dcidLength[i], true);
                }
            }
        }
        if (!ok) {
            decryptionFailed = tried; // wrong keys or damaged bytes: tshark's "decryption failed", not an error
            packetNumber[i] = tried ? protection.packetNumber() : -1; // as tshark: the unmasked number
            return true;
        }
        opened = i;
        packetNumber[i] = protection.packetNumber();
        return frames.parse(protection.plaintext(), protection.plaintextLength(), s);
    }

    /** A short header: the rest of the datagram. Looks its connection ID up as tcpdump does. */
    private int shortHeader(PacketBuf b, int i, int p) {
        int from = p + 1, captured = b.end() - from;
        if (captured > 16 && cids.lookup(b.array(), from, captured) >= 0) {
            shortPacket = i;
            shortCidLength = cids.length(0);
            cids.copy(0, shortCid);
        }
        return b.reportedEnd();
    }

    /**
     * An RFC 9000 §16 variable-length integer at {@code q}, its size in {@link #varintLength}; -1 when
     * it does not fit before {@code end} (the datagram's end: a read past the capture is a cut).
     */
    private long varint(PacketBuf b, int q, int end) {
        varintLength = 0;
        if (q >= end) {
            return -1;
        }
        int first = b.u8(q);
        varintLength = 1 << (first >>> 6);
        if (varintLength > end - q) {
            return -1;
        }
        long v = first & 0x3f;
        for (int k = 1; k < varintLength; k++) {
            v = v << 8 | b.u8(q + k);
        }
        return v;
    }

    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        QuicText.print(this, in, out, s);
    }

    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        QuicFields.appendInfo(this, out);
    }
}
