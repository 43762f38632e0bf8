package org.wiretop.decode.tls;

import org.wiretop.capture.format.LineBuilder;

/**
 * Names of TLS code points: handshake messages and alerts from the IANA TLS registries, each in
 * two spellings (our short text's {@code ServerHelloDone}, Wireshark's Info {@code Server Hello
 * Done}), and protocol versions ({@code TLSv1.3}).
 */
public final class TlsNames {
    private TlsNames() {
    }

    /** Handshake type → whether {@link #handshake} names it: a load, where the switch is a call on every record. */
    private static final boolean[] KNOWN_HANDSHAKES = knownHandshakes();

    /** True for a handshake type the registry defines (and Wireshark knows). */
    static boolean knownHandshake(int type) {
        return type >= 0 && type < KNOWN_HANDSHAKES.length && KNOWN_HANDSHAKES[type];
    }

    private static boolean[] knownHandshakes() {
        boolean[] known = new boolean[256];
        for (int type = 0; type < known.length; type++) {
            known[type] = handshake(type, false) != null;
        }
        return known;
    }

    /** A handshake message's name: {@code ClientHello}, or with {@code spaced} {@code Client Hello}; null if unknown. */
    static String handshake(int type, boolean spaced) {
        switch (type) {
            case 0: return spaced ? "Hello Request" : "HelloRequest";
            case 1: return spaced ? "Client Hello" : "ClientHello";
            case 2: return spaced ? "Server Hello" : "ServerHello";
            case 3: return spaced ? "Hello Verify Request" : "HelloVerifyRequest";
            case 4: return spaced ? "New Session Ticket" : "NewSessionTicket";
            case 5: return spaced ? "End of Early Data" : "EndOfEarlyData";
            case 6: return spaced ? "Hello Retry Request" : "HelloRetryRequest";
            case 8: return spaced ? "Encrypted Extensions" : "EncryptedExtensions";
            case 11: return "Certificate";
            case 12: return spaced ? "Server Key Exchange" : "ServerKeyExchange";
            case 13: return spaced ? "Certificate Request" : "CertificateRequest";
            case 14: return spaced ? "Server Hello Done" : "ServerHelloDone";
            case 15: return spaced ? "Certificate Verify" : "CertificateVerify";
            case 16: return spaced ? "Client Key Exchange" : "ClientKeyExchange";
            case 20: return "Finished";
            case 21: return spaced ? "Certificate URL" : "CertificateURL";
            case 22: return spaced ? "Certificate Status" : "CertificateStatus";
            case 23: return spaced ? "Supplemental Data" : "SupplementalData";
            case 24: return spaced ? "Key Update" : "KeyUpdate";
            case 25: return spaced ? "Compressed Certificate" : "CompressedCertificate";
            case 254: return spaced ? "Message Hash" : "MessageHash";
            default: return null;
        }
    }

    /** Appends a protocol version as Wireshark names it ({@code TLSv1.2}, {@code SSLv3}), or its hex. */
    static void appendVersion(LineBuilder out, int version) {
        switch (version) {
            case 0x0300: out.append("SSLv3"); break;
            case 0x0301: out.append("TLSv1"); break;
            case 0x0302: out.append("TLSv1.1"); break;
            case 0x0303: out.append("TLSv1.2"); break;
            case 0x0304: out.append("TLSv1.3"); break;
            default: out.append("0x").appendHex2(version >>> 8).appendHex2(version & 0xff); break;
        }
    }

    /** An alert description's name (RFC 8446 §6 and the registry), or null. */
    static String alert(int description) {
        switch (description) {
            case 0: return "close_notify";
            case 10: return "unexpected_message";
            case 20: return "bad_record_mac";
            case 21: return "decryption_failed";
            case 22: return "record_overflow";
            case 30: return "decompression_failure";
            case 40: return "handshake_failure";
            case 41: return "no_certificate";
            case 42: return "bad_certificate";
            case 43: return "unsupported_certificate";
            case 44: return "certificate_revoked";
            case 45: return "certificate_expired";
            case 46: return "certificate_unknown";
            case 47: return "illegal_parameter";
            case 48: return "unknown_ca";
            case 49: return "access_denied";
            case 50: return "decode_error";
            case 51: return "decrypt_error";
            case 60: return "export_restriction";
            case 70: return "protocol_version";
            case 71: return "insufficient_security";
            case 80: return "internal_error";
            case 86: return "inappropriate_fallback";
            case 90: return "user_canceled";
            case 100: return "no_renegotiation";
            case 109: return "missing_extension";
            case 110: return "unsupported_extension";
            case 111: return "certificate_unobtainable";
            case 112: return "unrecognized_name";
            case 113: return "bad_certificate_status_response";
            case 114: return "bad_certificate_hash_value";
            case 115: return "unknown_psk_identity";
            case 116: return "certificate_required";
            case 120: return "no_application_protocol";
            default: return null;
        }
    }

    /** Replaces what is not printable ASCII in {@code out[from, length)} by '.'. */
    public static void printable(LineBuilder out, int from) {
        byte[] b = out.array();
        for (int i = from; i < out.length(); i++) {
            if (b[i] < 0x20 || b[i] == 0x7f) { // bytes >= 0x80 are negative
                b[i] = '.';
            }
        }
    }
}
