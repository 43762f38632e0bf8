package org.wiretop.decode.tls;

import java.util.function.Function;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.AppField.Kind;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;

/**
 * One TLS ClientHello or ServerHello body (RFC 8446 §4.1.2-4.1.3, RFC 5246 §7.4.1), read in place
 * wherever it lies: in a TCP segment ({@link Tls}) or in the CRYPTO data of a decrypted QUIC
 * Initial ({@code decode.quic}). A flyweight: offsets into the bytes it was given, valid until the
 * next parse.
 *
 * <pre>
 * legacy_version(2) random(32) session_id&lt;0..32&gt;(1+n)
 *   ClientHello: cipher_suites&lt;2..2^16-2&gt;(2+n) compression_methods(1+n)
 *   ServerHello: cipher_suite(2) compression_method(1)
 * extensions&lt;0..2^16-1&gt;(2+n): { type(2) length(2) data }
 *   server_name(0): list(2) { name_type(1) name(2+n) }   ALPN(16): list(2) { name(1+n) }
 *   supported_versions(43): ClientHello: list(1) { version(2) }, ServerHello: version(2)
 * </pre>
 * Three kinds of end: a length that points past its container's declared end makes the message
 * invalid (the lengths lie); bytes past {@code limit} are in a later segment or packet, so the
 * parse stops quietly with what it has; bytes inside {@code limit} but not captured throw the
 * decoder's {@code Truncated} signal. Every loop advances by at least one byte of a bounded span.
 */
public final class TlsHandshake {
    public static final int CLIENT_HELLO = 1, SERVER_HELLO = 2;
    static final int EXT_SERVER_NAME = 0, EXT_ALPN = 16, EXT_SUPPORTED_VERSIONS = 43;
    /** Extension types and ALPN names kept per message (JSON and filters see at most these). */
    static final int MAX_EXTENSIONS = 64, MAX_ALPN = 16;
    /** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
    private static final int[] RETRY_RANDOM = {
            0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
            0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

    private byte[] data;
    /** CLIENT_HELLO, SERVER_HELLO, or -1 when no hello was parsed. */
    private int type = -1;
    private int version = -1;
    private boolean retryRequest;
    private int suites, suiteCount;
    private int sni = -1, sniLength;
    private final int[] alpn = new int[MAX_ALPN];
    private int alpnCount;
    private int versions, versionCount;
    private final int[] extensions = new int[MAX_EXTENSIONS];
    private int extensionCount;

    /** Forgets the last message. */
    public void clear() {
        type = version = sni = -1;
        retryRequest = false;
        suiteCount = alpnCount = versionCount = extensionCount = 0;
    }

    /**
     * Parses a hello of {@code msgType} whose body is {@code [body, bodyEnd)} as declared, of which
     * {@code [body, limit)} is here (the rest follows in a later segment or packet).
     *
     * @return false when the message is invalid ({@code s} says why)
     */
    public boolean parse(PacketBuf b, int msgType, int body, int bodyEnd, int limit, PacketSummary s) {
        clear();
        data = b.array();
        type = msgType;
        int avail = Math.min(bodyEnd, limit);
        if (bodyEnd - body < 38) {
            return invalid(s, "tls-hello-length # < 38", bodyEnd - body);
        }
        int p = body;
        if (p + 35 > avail) {
            return true;
        }
        version = b.u16(p);
        if (msgType == SERVER_HELLO) {
            retryRequest = isRetryRandom(b, p + 2);
        }
        p += 34;
        int sessionId = b.u8(p);
        if (sessionId > 32) {
            return invalid(s, "tls-session-id-length # > 32", sessionId);
        }
        p += 1 + sessionId;
        if (msgType == CLIENT_HELLO) {
            if (p + 2 > avail) {
                return true;
            }
            int length = b.u16(p);
            p += 2;
            if ((length & 1) != 0 || p + length > bodyEnd) {
                return invalid(s, "tls-cipher-suites-length #", length);
            }
            suites = p;
            int here = Math.min(length, avail - p);
            suiteCount = Math.min(here, Math.max(0, b.end() - p)) / 2;
            b.require(p, here);
            if (here < length) {
                return true;
            }
            p += length;
            if (p + 1 > avail) {
                return true;
            }
            p += 1 + b.u8(p);
            if (p > bodyEnd) {
                return invalid(s, "tls-compression-length # > message", p - bodyEnd);
            }
        } else {
            if (p + 3 > avail) {
                return true;
            }
            b.require(p, 3);
            suites = p;
            suiteCount = 1;
            p += 3;
        }
        if (p == bodyEnd || p + 2 > avail) {
            return true; // no extensions (TLS 1.0-1.2 allow that), or they follow in a later segment
        }
        int length = b.u16(p);
        p += 2;
        int end = p + length;
        if (end > bodyEnd) {
            return invalid(s, "tls-extensions-length # > message", length);
        }
        // Each pass takes 4 bytes or more of a span of at most 64 KiB; it runs while a whole
        // extension header lies both inside the extensions and in this segment.
        int headers = Math.min(end, avail);
        while (p + 4 <= headers) {
            int header = b.i32(p); // type, length: one read
            int extType = header >>> 16, extLength = header & 0xffff;
            p += 4;
            if (p + extLength > end) {
                return invalid(s, "tls-extension-length # > extensions", extLength);
            }
            if (extensionCount < MAX_EXTENSIONS) {
                extensions[extensionCount++] = extType;
            }
            if (p + extLength > avail) {
                return true;
            }
            b.require(p, extLength);
            if (!extension(b, extType, p, p + extLength, s)) {
                return false;
            }
            p += extLength;
        }
        if (p < end && p + 4 > end) {
            return invalid(s, "tls-extension-header # bytes", end - p);
        }
        return true; // the extensions' end, or the next header is in a later segment
    }

    /** Reads the extensions we report; the bytes {@code [p, end)} were captured. */
    private boolean extension(PacketBuf b, int extType, int p, int end, PacketSummary s) {
        switch (extType) {
            case EXT_SERVER_NAME:
                return end == p || serverName(b, p, end, s); // a ServerHello's is empty
            case EXT_ALPN:
                return alpn(b, p, end, s);
            case EXT_SUPPORTED_VERSIONS:
                if (type == SERVER_HELLO) {
                    if (end - p != 2) {
                        return invalid(s, "tls-supported-versions-length # != 2", end - p);
                    }
                    versions = p;
                    versionCount = 1;
                    return true;
                }
                int length = end > p ? b.u8(p) : -1;
                if (length < 0 || (length & 1) != 0 || p + 1 + length > end) {
                    return invalid(s, "tls-supported-versions-length #", length);
                }
                versions = p + 1;
                versionCount = length / 2;
                return true;
            default:
                return true;
        }
    }

    private boolean serverName(PacketBuf b, int p, int end, PacketSummary s) {
        int listEnd = end - p >= 2 ? p + 2 + b.u16(p) : Integer.MAX_VALUE;
        if (listEnd > end) {
            return invalid(s, "tls-server-name-list-length # > extension", end - p);
        }
        int q = p + 2;
        while (q < listEnd) { // each entry takes 3 bytes or more
            if (q + 3 > listEnd) {
                return invalid(s, "tls-server-name-entry # bytes", listEnd - q);
            }
            int nameType = b.u8(q), length = b.u16(q + 1);
            q += 3;
            if (q + length > listEnd) {
                return invalid(s, "tls-server-name-length # > list", length);
            }
            if (nameType == 0 && sni < 0) {
                sni = q;
                sniLength = length;
            }
            q += length;
        }
        return true;
    }

    private boolean alpn(PacketBuf b, int p, int end, PacketSummary s) {
        int listEnd = end - p >= 2 ? p + 2 + b.u16(p) : Integer.MAX_VALUE;
        if (listEnd > end) {
            return invalid(s, "tls-alpn-list-length # > extension", end - p);
        }
        for (int q = p + 2; q < listEnd; ) { // each name takes 1 byte or more
            int length = b.u8(q);
            if (q + 1 + length > listEnd) {
                return invalid(s, "tls-alpn-length # > list", length);
            }
            if (alpnCount < MAX_ALPN) {
                alpn[alpnCount++] = q;
            }
            q += 1 + length;
        }
        return true;
    }

    private static boolean isRetryRandom(PacketBuf b, int p) {
        for (int i = 0; i < RETRY_RANDOM.length; i++) {
            if (b.u8(p + i) != RETRY_RANDOM[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean invalid(PacketSummary s, String reason, long value) {
        s.invalid(reason, value);
        return false;
    }

    // ---- values (valid until the next parse) ----

    /** CLIENT_HELLO, SERVER_HELLO, or -1. */
    public int type() {
        return type;
    }

    /** legacy_version, or -1 when not reached. */
    public int version() {
        return version;
    }

    /** True for a ServerHello that is a HelloRetryRequest. */
    public boolean retryRequest() {
        return retryRequest;
    }

    /** The version the server chose: supported_versions when present (TLS 1.3), else legacy_version. */
    public int chosenVersion() {
        return type == SERVER_HELLO && versionCount == 1 ? supportedVersion(0) : version;
    }

    public int suiteCount() {
        return suiteCount;
    }

    public int suite(int i) {
        return u16(suites + 2 * i);
    }

    public boolean hasServerName() {
        return sni >= 0;
    }

    public void appendServerName(LineBuilder out) {
        out.append(data, sni, sniLength);
    }

    public int alpnCount() {
        return alpnCount;
    }

    public void appendAlpn(int i, LineBuilder out) {
        out.append(data, alpn[i] + 1, data[alpn[i]] & 0xff);
    }

    public int supportedVersionCount() {
        return versionCount;
    }

    public int supportedVersion(int i) {
        return u16(versions + 2 * i);
    }

    public int extensionCount() {
        return extensionCount;
    }

    public int extension(int i) {
        return extensions[i];
    }

    private int u16(int off) {
        return (data[off] & 0xff) << 8 | (data[off + 1] & 0xff);
    }

    /**
     * The hello's fields under tshark 4.0's names for a dissector {@code owner} whose hello
     * {@code hello} gives (TLS over TCP, QUIC's Initial): one definition for both.
     */
    public static <D extends AppDissector> AppField[] fields(Class<D> owner, Function<D, TlsHandshake> hello) {
        return new AppField[] {
                AppField.number("tls.handshake.version", "Version", 0xffff, owner, d -> hello.apply(d).version),
                AppField.numbers("tls.handshake.ciphersuite", "Cipher Suite", Kind.NUMBER, 0xffff, owner,
                        d -> hello.apply(d).suiteCount, (d, i) -> hello.apply(d).suite(i)),
                AppField.numbers("tls.handshake.extension.type", "Extension", Kind.NUMBER, 0xffff, owner,
                        d -> hello.apply(d).extensionCount, (d, i) -> hello.apply(d).extensions[i]),
                AppField.text("tls.handshake.extensions_server_name", "Server Name", owner,
                        d -> hello.apply(d).sni >= 0 ? 1 : 0, (d, i, out) -> hello.apply(d).appendServerName(out)),
                AppField.text("tls.handshake.extensions_alpn_str", "ALPN Next Protocol", owner,
                        d -> hello.apply(d).alpnCount, (d, i, out) -> hello.apply(d).appendAlpn(i, out)),
                AppField.numbers("tls.handshake.extensions.supported_version", "Supported Version", Kind.NUMBER,
                        0xffff, owner, d -> hello.apply(d).versionCount, (d, i) -> hello.apply(d).supportedVersion(i)),
        };
    }
}
