package org.wiretop.decode.quic;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;
import org.wiretop.decode.AppField.Kind;
import org.wiretop.decode.tls.TlsHandshake;
import org.wiretop.decode.tls.TlsNames;

/**
 * QUIC's fields under tshark 4.0's names, one value per packet of the datagram where the field
 * applies (so {@code -E occurrence=f} is the first packet's), plus the TLS handshake fields of a
 * decrypted Initial under TLS's names, as tshark shows them; and Wireshark's Info line
 * ({@code Initial, DCID=84acac06b42ed863, PKN: 0, CRYPTO, PADDING}).
 */
final class QuicFields {
    /** Whether a field applies to packet {@code i} of the datagram. */
    @FunctionalInterface
    private interface Applies {
        boolean test(Quic d, int i);
    }

    private static final Applies LONG = (d, i) -> d.longHeader[i];
    private static final Applies TYPED = (d, i) -> d.type[i] >= 0 && d.version[i] != QuicVersions.V2;
    private static final Applies TYPED_V2 = (d, i) -> d.type[i] >= 0 && d.version[i] == QuicVersions.V2;
    private static final Applies CIDS = (d, i) -> d.dcidLength[i] >= 0;
    private static final Applies DCID = (d, i) -> d.dcidLength[i] > 0;
    private static final Applies SCIDS = (d, i) -> d.scidLength[i] >= 0;
    private static final Applies SCID = (d, i) -> d.scidLength[i] > 0;
    private static final Applies TOKEN = (d, i) -> d.tokenLength[i] >= 0;
    private static final Applies LENGTH = (d, i) -> d.length[i] >= 0;
    private static final Applies NUMBER = (d, i) -> d.packetNumber[i] >= 0;
    private static final Applies ANY = (d, i) -> true;

    static final AppField[] ALL = concat(new AppField[] {
            AppField.numbers("quic.header_form", "Header Form", Kind.NUMBER, 1, Quic.class,
                    d -> count(d, ANY), (d, i) -> d.longHeader[nth(d, ANY, i)] ? 1 : 0),
            AppField.numbers("quic.long.packet_type", "Packet Type", Kind.NUMBER, 3, Quic.class,
                    d -> count(d, TYPED), (d, i) -> d.type[nth(d, TYPED, i)]),
            AppField.numbers("quic.long.packet_type_v2", "Packet Type", Kind.NUMBER, 3, Quic.class,
                    d -> count(d, TYPED_V2), (d, i) -> (d.type[nth(d, TYPED_V2, i)] + 1) & 3),
            AppField.numbers("quic.version", "Version", Kind.NUMBER, 0xffffffffL, Quic.class,
                    d -> count(d, LONG), (d, i) -> d.version[nth(d, LONG, i)] & 0xffffffffL),
            AppField.numbers("quic.dcil", "Destination Connection ID Length", Kind.NUMBER, 255, Quic.class,
                    d -> count(d, CIDS), (d, i) -> d.dcidLength[nth(d, CIDS, i)]),
            AppField.text("quic.dcid", "Destination Connection ID", Quic.class, d -> count(d, DCID),
                    (d, i, out) -> hex(d, d.dcid[nth(d, DCID, i)], d.dcidLength[nth(d, DCID, i)], out)),
            AppField.numbers("quic.scil", "Source Connection ID Length", Kind.NUMBER, 255, Quic.class,
                    d -> count(d, SCIDS), (d, i) -> d.scidLength[nth(d, SCIDS, i)]),
            AppField.text("quic.scid", "Source Connection ID", Quic.class, d -> count(d, SCID),
                    (d, i, out) -> hex(d, d.scid[nth(d, SCID, i)], d.scidLength[nth(d, SCID, i)], out)),
            AppField.numbers("quic.token_length", "Token Length", Kind.NUMBER, Long.MAX_VALUE, Quic.class,
                    d -> count(d, TOKEN), (d, i) -> d.tokenLength[nth(d, TOKEN, i)]),
            AppField.numbers("quic.length", "Length", Kind.NUMBER, Long.MAX_VALUE, Quic.class,
                    d -> count(d, LENGTH), (d, i) -> d.length[nth(d, LENGTH, i)]),
            AppField.numbers("quic.packet_number", "Packet Number", Kind.NUMBER, Long.MAX_VALUE, Quic.class,
                    d -> count(d, NUMBER), (d, i) -> d.packetNumber[nth(d, NUMBER, i)]),
            AppField.numbers("quic.supported_version", "Supported Version", Kind.NUMBER, 0xffffffffL, Quic.class,
                    d -> d.versionCount, (d, i) -> u32(d.data(), d.versions + 4 * i)),
            AppField.numbers("quic.frame_type", "Frame Type", Kind.NUMBER, Integer.MAX_VALUE, Quic.class,
                    d -> d.frames.typeCount, (d, i) -> d.frames.types[i]),
            AppField.bool("quic.decryption_failed", "Failed to decrypt handshake", Quic.class,
                    d -> d.decryptionFailed ? 1 : -1),
            AppField.numbers("tls.handshake.type", "Handshake Type", Kind.NUMBER, 0xff, Quic.class,
                    d -> d.frames.messageCount, (d, i) -> d.frames.messages[i]),
            AppField.numbers("tls.handshake.length", "Length", Kind.NUMBER, 0xffffff, Quic.class,
                    d -> d.frames.messageCount, (d, i) -> d.frames.messageLengths[i]),
    }, TlsHandshake.fields(Quic.class, d -> d.frames.hello));

    private QuicFields() {
    }

    private static int count(Quic d, Applies test) {
        int n = 0;
        for (int i = 0; i < d.packets; i++) {
            n += test.test(d, i) ? 1 : 0;
        }
        return n;
    }

    /** The index of the {@code k}-th packet the field applies to. */
    private static int nth(Quic d, Applies test, int k) {
        for (int i = 0; i < d.packets; i++) {
            if (test.test(d, i) && k-- == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no occurrence " + k);
    }

    private static void hex(Quic d, int off, int length, LineBuilder out) {
        QuicText.appendHex(out, d.data(), off, length);
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    private static AppField[] concat(AppField[] a, AppField[] b) {
        AppField[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Wireshark's Info, one part a packet: type, a connection ID, the packet number and frames. */
    static void appendInfo(Quic d, LineBuilder out) {
        for (int i = 0; i < d.packets; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (!d.longHeader[i]) {
                out.append("Protected Payload");
                if (d.shortPacket == i && d.shortCidLength > 0) {
                    QuicText.appendHex(out.append(", DCID="), d.shortCid, 0, d.shortCidLength);
                }
                continue;
            }
            out.append(d.version[i] == 0 ? "Version Negotiation" : d.type[i] == QuicVersions.INITIAL ? "Initial"
                    : d.type[i] == QuicVersions.ZERO_RTT ? "0-RTT" : d.type[i] == QuicVersions.HANDSHAKE ? "Handshake"
                    : d.type[i] == QuicVersions.RETRY ? "Retry" : "Long Header");
            if (d.dcidLength[i] > 0) {
                hex(d, d.dcid[i], d.dcidLength[i], out.append(", DCID="));
            } else if (d.scidLength[i] > 0) {
                hex(d, d.scid[i], d.scidLength[i], out.append(", SCID="));
            }
            if (d.packetNumber[i] >= 0) {
                out.append(", PKN: ").append(d.packetNumber[i]);
            }
            if (d.opened == i) {
                for (int f = 0; f < d.frames.typeCount; f++) {
                    out.append(", ").append(frameName(d.frames.types[f]));
                }
                appendHello(d.frames.hello, out);
            }
        }
    }

    private static void appendHello(TlsHandshake h, LineBuilder out) {
        if (h.type() == TlsHandshake.CLIENT_HELLO) {
            out.append(", Client Hello");
            if (h.hasServerName()) {
                out.append(" (SNI=");
                int at = out.length();
                h.appendServerName(out);
                TlsNames.printable(out, at);
                out.append(')');
            }
        } else if (h.type() == TlsHandshake.SERVER_HELLO) {
            out.append(h.retryRequest() ? ", Hello Retry Request" : ", Server Hello");
        }
    }

    private static String frameName(int type) {
        switch (type) {
            case CryptoFrames.PADDING: return "PADDING";
            case CryptoFrames.PING: return "PING";
            case CryptoFrames.ACK: return "ACK";
            case CryptoFrames.ACK_ECN: return "ACK_ECN";
            case CryptoFrames.CRYPTO: return "CRYPTO";
            default: return "CC";
        }
    }
}
