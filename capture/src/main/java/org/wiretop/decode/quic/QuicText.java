package org.wiretop.decode.quic;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;
import org.wiretop.decode.tls.TlsText;

/**
 * QUIC's text after tcpdump's {@code UDP, length N} (tcpdump 4.99.3 has no QUIC printer): a port
 * of tcpdump's master-branch {@code print-quic.c}, so the words are the ones tcpdump will print
 * ({@code quic, initial, dcid 84acac06b42ed863, length 1182}), its quirks kept (a token of 1000
 * bytes or more is neither printed nor skipped; a connection ID longer than 20 bytes is not
 * skipped either), then what tcpdump cannot show: the ClientHello or ServerHello of a decrypted
 * Initial ({@code , TLS ClientHello SNI=localhost ALPN=h3}). One difference: version 2's packet
 * types are named by version 2's numbering, where tcpdump uses version 1's.
 *
 * <p>Reads through the printer's view: a read past the captured bytes ends the line with
 * {@code [|quic]} (tcpdump's longjmp); where tcpdump tests instead, it prints the mark and goes on.
 */
final class QuicText {
    private static final int MAX_CID = 20, MAX_TOKEN = 1000;

    private QuicText() {
    }

    static void print(Quic d, PacketBuf in, LineBuilder out, PacketSummary s) {
        out.append("quic");
        int bp = d.start();
        int end = in.end();
        while (bp < end) { // every packet moves bp forward, to end at the latest
            int start = bp;
            bp = packet(d, in, out, bp, end);
            if (d.opened >= 0 && d.first[d.opened] == start && d.frames.hello.type() >= 0) {
                out.append(", TLS ");
                TlsText.appendHello(d.frames.hello, out);
            }
            while (bp < end && in.u8(bp) == 0) {
                bp++;
            }
        }
        if (s.status == Status.INVALID && (s.reason.startsWith("quic-") || s.reason.startsWith("tls-"))) {
            out.append(" [").appendTemplate(s.reason, s.reasonValue).append(']'); // the capture's end is tcpdump's mark above
        }
    }

    private static int packet(Quic d, PacketBuf in, LineBuilder out, int bp, int end) {
        int first = in.u8(bp++);
        if ((first & 0x80) == 0) {
            out.append(", protected");
            if (end - bp > 16) {
                if (d.shortCidLength > 0) {
                    appendHex(out.append(", dcid "), d.shortCid, 0, d.shortCidLength);
                }
            } else {
                trunc(out);
            }
            return end;
        }
        int version = in.i32(bp);
        bp += 4;
        int type = version == QuicVersions.V2 ? QuicVersions.type(version, (first >>> 4) & 3) : (first >>> 4) & 3;
        if (version == 0) {
            out.append(", version negotiation");
        } else {
            out.append(type == QuicVersions.INITIAL ? ", initial" : type == QuicVersions.ZERO_RTT ? ", 0-rtt"
                    : type == QuicVersions.HANDSHAKE ? ", handshake" : ", retry");
        }
        if (version != 0 && version != 1) {
            out.append(", v");
            appendHex32(out, version);
        }
        bp = cid(in, out, bp, ", dcid ");
        bp = cid(in, out, bp, ", scid ");
        if (version == 0) {
            while (bp < end) {
                if (!in.has(bp, 4)) {
                    trunc(out);
                    return end;
                }
                out.append(", version 0x");
                appendHex32(out, in.i32(bp));
                bp += 4;
            }
            return bp;
        }
        if (type == QuicVersions.INITIAL) {
            long token = varint(in, bp);
            bp += 1 << (in.u8(bp) >>> 6);
            if (token > 0 && token < MAX_TOKEN) {
                in.require(bp, (int) token);
                appendHex(out.append(", token "), in.array(), bp, (int) token);
                bp += (int) token;
            }
        }
        if (type == QuicVersions.RETRY) {
            out.append(", token ");
            if (end - bp > 16) {
                appendHex(out, in.array(), bp, end - bp - 16);
            } else {
                trunc(out);
            }
            return end;
        }
        long length = varint(in, bp);
        bp += 1 << (in.u8(bp) >>> 6);
        out.append(", length ").append(length);
        if (length > end - bp) {
            trunc(out);
            return end;
        }
        return bp + (int) length;
    }

    /** A connection ID: its length byte, then (if 1-20) the ID, printed; returns what follows. */
    private static int cid(PacketBuf in, LineBuilder out, int bp, String label) {
        int length = in.u8(bp++);
        if (length > 0 && length <= MAX_CID) {
            in.require(bp, length);
            appendHex(out.append(label), in.array(), bp, length);
            bp += length;
        }
        return bp;
    }

    private static long varint(PacketBuf in, int bp) {
        int first = in.u8(bp);
        int n = 1 << (first >>> 6);
        long v = first & 0x3f;
        for (int k = 1; k < n; k++) {
            v = v << 8 | in.u8(bp + k);
        }
        return v;
    }

    private static void trunc(LineBuilder out) {
        out.append(" [|quic]");
    }

    static void appendHex(LineBuilder out, byte[] data, int off, int length) {
        for (int i = 0; i < length; i++) {
            out.appendHex2(data[off + i] & 0xff);
        }
    }

    /** {@code printf("%x")} of 32 bits: lower case, no leading zeros. */
    static void appendHex32(LineBuilder out, int v) {
        boolean started = false;
        for (int shift = 28; shift >= 0; shift -= 4) {
            int nibble = (v >>> shift) & 0xf;
            if (nibble != 0 || started || shift == 0) {
                out.append("0123456789abcdef".charAt(nibble));
                started = true;
            }
        }
    }
}
