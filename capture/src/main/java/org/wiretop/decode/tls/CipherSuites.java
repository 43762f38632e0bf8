package org.wiretop.decode.tls;

/**
 * IANA's names of TLS cipher suites (the TLS Cipher Suites registry, as OpenSSL's
 * {@code openssl ciphers -V -stdname} lists them, plus TLS 1.3's CCM suites and the two SCSVs):
 * the names Wireshark shows ({@code TLS_AES_128_GCM_SHA256}).
 */
final class CipherSuites {
    private CipherSuites() {
    }

    /** True for a GREASE value (RFC 8701: 0x?a?a with equal bytes). */
    static boolean grease(int suite) {
        return (suite & 0x0f0f) == 0x0a0a && (suite >>> 8) == (suite & 0xff);
    }

    /** The suite's IANA name, or null when it is not in the table. */
    static String name(int suite) {
        switch (suite) {
            case 0x0001: return "TLS_RSA_WITH_NULL_MD5";
            case 0x0002: return "TLS_RSA_WITH_NULL_SHA";
            case 0x002c: return "TLS_PSK_WITH_NULL_SHA";
            case 0x002d: return "TLS_DHE_PSK_WITH_NULL_SHA";
            case 0x002e: return "TLS_RSA_PSK_WITH_NULL_SHA";
            case 0x002f: return "TLS_RSA_WITH_AES_128_CBC_SHA";
            case 0x0032: return "TLS_DHE_DSS_WITH_AES_128_CBC_SHA";
            case 0x0033: return "TLS_DHE_RSA_WITH_AES_128_CBC_SHA";
            case 0x0034: return "TLS_DH_anon_WITH_AES_128_CBC_SHA";
            case 0x0035: return "TLS_RSA_WITH_AES_256_CBC_SHA";
            case 0x0038: return "TLS_DHE_DSS_WITH_AES_256_CBC_SHA";
            case 0x0039: return "TLS_DHE_RSA_WITH_AES_256_CBC_SHA";
            case 0x003a: return "TLS_DH_anon_WITH_AES_256_CBC_SHA";
            case 0x003b: return "TLS_RSA_WITH_NULL_SHA256";
            case 0x003c: return "TLS_RSA_WITH_AES_128_CBC_SHA256";
            case 0x003d: return "TLS_RSA_WITH_AES_256_CBC_SHA256";
            case 0x0040: return "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256";
            case 0x0041: return "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA";
            case 0x0044: return "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA";
            case 0x0045: return "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA";
            case 0x0046: return "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA";
            case 0x0067: return "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256";
            case 0x006a: return "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256";
            case 0x006b: return "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256";
            case 0x006c: return "TLS_DH_anon_WITH_AES_128_CBC_SHA256";
            case 0x006d: return "TLS_DH_anon_WITH_AES_256_CBC_SHA256";
            case 0x0084: return "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA";
            case 0x0087: return "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA";
            case 0x0088: return "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA";
            case 0x0089: return "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA";
            case 0x008c: return "TLS_PSK_WITH_AES_128_CBC_SHA";
            case 0x008d: return "TLS_PSK_WITH_AES_256_CBC_SHA";
            case 0x0090: return "TLS_DHE_PSK_WITH_AES_128_CBC_SHA";
            case 0x0091: return "TLS_DHE_PSK_WITH_AES_256_CBC_SHA";
            case 0x0094: return "TLS_RSA_PSK_WITH_AES_128_CBC_SHA";
            case 0x0095: return "TLS_RSA_PSK_WITH_AES_256_CBC_SHA";
            case 0x009c: return "TLS_RSA_WITH_AES_128_GCM_SHA256";
            case 0x009d: return "TLS_RSA_WITH_AES_256_GCM_SHA384";
            case 0x009e: return "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
            case 0x009f: return "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384";
            case 0x00a2: return "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256";
            case 0x00a3: return "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384";
            case 0x00a6: return "TLS_DH_anon_WITH_AES_128_GCM_SHA256";
            case 0x00a7: return "TLS_DH_anon_WITH_AES_256_GCM_SHA384";
            case 0x00a8: return "TLS_PSK_WITH_AES_128_GCM_SHA256";
            case 0x00a9: return "TLS_PSK_WITH_AES_256_GCM_SHA384";
            case 0x00aa: return "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256";
            case 0x00ab: return "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384";
            case 0x00ac: return "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256";
            case 0x00ad: return "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384";
            case 0x00ae: return "TLS_PSK_WITH_AES_128_CBC_SHA256";
            case 0x00af: return "TLS_PSK_WITH_AES_256_CBC_SHA384";
            case 0x00b0: return "TLS_PSK_WITH_NULL_SHA256";
            case 0x00b1: return "TLS_PSK_WITH_NULL_SHA384";
            case 0x00b2: return "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256";
            case 0x00b3: return "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384";
            case 0x00b4: return "TLS_DHE_PSK_WITH_NULL_SHA256";
            case 0x00b5: return "TLS_DHE_PSK_WITH_NULL_SHA384";
            case 0x00b6: return "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256";
            case 0x00b7: return "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384";
            case 0x00b8: return "TLS_RSA_PSK_WITH_NULL_SHA256";
            case 0x00b9: return "TLS_RSA_PSK_WITH_NULL_SHA384";
            case 0x00ba: return "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256";
            case 0x00bd: return "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256";
            case 0x00be: return "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256";
            case 0x00bf: return "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256";
            case 0x00c0: return "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256";
            case 0x00c3: return "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256";
            case 0x00c4: return "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256";
            case 0x00c5: return "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256";
            case 0x00ff: return "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
            case 0x1301: return "TLS_AES_128_GCM_SHA256";
            case 0x1302: return "TLS_AES_256_GCM_SHA384";
            case 0x1303: return "TLS_CHACHA20_POLY1305_SHA256";
            case 0x1304: return "TLS_AES_128_CCM_SHA256";
            case 0x1305: return "TLS_AES_128_CCM_8_SHA256";
            case 0x5600: return "TLS_FALLBACK_SCSV";
            case 0xc006: return "TLS_ECDHE_ECDSA_WITH_NULL_SHA";
            case 0xc009: return "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
            case 0xc00a: return "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA";
            case 0xc010: return "TLS_ECDHE_RSA_WITH_NULL_SHA";
            case 0xc013: return "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
            case 0xc014: return "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA";
            case 0xc015: return "TLS_ECDH_anon_WITH_NULL_SHA";
            case 0xc018: return "TLS_ECDH_anon_WITH_AES_128_CBC_SHA";
            case 0xc019: return "TLS_ECDH_anon_WITH_AES_256_CBC_SHA";
            case 0xc01d: return "TLS_SRP_SHA_WITH_AES_128_CBC_SHA";
            case 0xc01e: return "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA";
            case 0xc01f: return "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA";
            case 0xc020: return "TLS_SRP_SHA_WITH_AES_256_CBC_SHA";
            case 0xc021: return "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA";
            case 0xc022: return "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA";
            case 0xc023: return "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
            case 0xc024: return "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384";
            case 0xc027: return "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256";
            case 0xc028: return "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384";
            case 0xc02b: return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case 0xc02c: return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            case 0xc02f: return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            case 0xc030: return "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
            case 0xc035: return "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA";
            case 0xc036: return "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA";
            case 0xc037: return "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256";
            case 0xc038: return "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384";
            case 0xc039: return "TLS_ECDHE_PSK_WITH_NULL_SHA";
            case 0xc03a: return "TLS_ECDHE_PSK_WITH_NULL_SHA256";
            case 0xc03b: return "TLS_ECDHE_PSK_WITH_NULL_SHA384";
            case 0xc050: return "TLS_RSA_WITH_ARIA_128_GCM_SHA256";
            case 0xc051: return "TLS_RSA_WITH_ARIA_256_GCM_SHA384";
            case 0xc052: return "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256";
            case 0xc053: return "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384";
            case 0xc056: return "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256";
            case 0xc057: return "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384";
            case 0xc05c: return "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256";
            case 0xc05d: return "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384";
            case 0xc060: return "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256";
            case 0xc061: return "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384";
            case 0xc06a: return "TLS_PSK_WITH_ARIA_128_GCM_SHA256";
            case 0xc06b: return "TLS_PSK_WITH_ARIA_256_GCM_SHA384";
            case 0xc06c: return "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256";
            case 0xc06d: return "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384";
            case 0xc06e: return "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256";
            case 0xc06f: return "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384";
            case 0xc072: return "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256";
            case 0xc073: return "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384";
            case 0xc076: return "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256";
            case 0xc077: return "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384";
            case 0xc094: return "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256";
            case 0xc095: return "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384";
            case 0xc096: return "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256";
            case 0xc097: return "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384";
            case 0xc098: return "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256";
            case 0xc099: return "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384";
            case 0xc09a: return "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256";
            case 0xc09b: return "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384";
            case 0xc09c: return "TLS_RSA_WITH_AES_128_CCM";
            case 0xc09d: return "TLS_RSA_WITH_AES_256_CCM";
            case 0xc09e: return "TLS_DHE_RSA_WITH_AES_128_CCM";
            case 0xc09f: return "TLS_DHE_RSA_WITH_AES_256_CCM";
            case 0xc0a0: return "TLS_RSA_WITH_AES_128_CCM_8";
            case 0xc0a1: return "TLS_RSA_WITH_AES_256_CCM_8";
            case 0xc0a2: return "TLS_DHE_RSA_WITH_AES_128_CCM_8";
            case 0xc0a3: return "TLS_DHE_RSA_WITH_AES_256_CCM_8";
            case 0xc0a4: return "TLS_PSK_WITH_AES_128_CCM";
            case 0xc0a5: return "TLS_PSK_WITH_AES_256_CCM";
            case 0xc0a6: return "TLS_DHE_PSK_WITH_AES_128_CCM";
            case 0xc0a7: return "TLS_DHE_PSK_WITH_AES_256_CCM";
            case 0xc0a8: return "TLS_PSK_WITH_AES_128_CCM_8";
            case 0xc0a9: return "TLS_PSK_WITH_AES_256_CCM_8";
            case 0xc0aa: return "TLS_PSK_DHE_WITH_AES_128_CCM_8";
            case 0xc0ab: return "TLS_PSK_DHE_WITH_AES_256_CCM_8";
            case 0xc0ac: return "TLS_ECDHE_ECDSA_WITH_AES_128_CCM";
            case 0xc0ad: return "TLS_ECDHE_ECDSA_WITH_AES_256_CCM";
            case 0xc0ae: return "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8";
            case 0xc0af: return "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8";
            case 0xcca8: return "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
            case 0xcca9: return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
            case 0xccaa: return "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
            case 0xccab: return "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256";
            case 0xccac: return "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256";
            case 0xccad: return "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256";
            case 0xccae: return "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256";
            default: return null;
        }
    }
}
