package org.wiretop.decode.dns;

/**
 * Names of DNS record types and classes: tcpdump 4.99's table ({@code ns_type2str}, which prints
 * {@code Type65} for what it does not know) and Wireshark's longer one, for the Info column
 * (which knows {@code SVCB}, {@code HTTPS}, {@code CAA}, ...).
 */
final class DnsTypes {
    static final int A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, MX = 15, TXT = 16, AAAA = 28, SRV = 33,
            A6 = 38, DNAME = 39, OPT = 41, UNSPECA = 104, TSIG = 250, URI = 256;
    static final int CLASS_IN = 1;

    /** tcpdump's names, index = type (0..256); null where tcpdump has none. */
    private static final String[] TCPDUMP = new String[257];
    /** Wireshark's names beyond tcpdump's. */
    private static final String[] WIRESHARK = new String[257];

    static {
        String[] low = {null, "A", "NS", "MD", "MF", "CNAME", "SOA", "MB", "MG", "MR", "NULL", "WKS", "PTR",
                "HINFO", "MINFO", "MX", "TXT", "RP", "AFSDB", "X25", "ISDN", "RT", "NSAP", "NSAP_PTR", "SIG",
                "KEY", "PX", "GPOS", "AAAA", "LOC", "NXT", "EID", "NIMLOC", "SRV", "ATMA", "NAPTR", "KX", "CERT",
                "A6", "DNAME", "SINK", "OPT", "APL", "DS", "SSHFP", "IPSECKEY", "RRSIG", "NSEC", "DNSKEY"};
        System.arraycopy(low, 0, TCPDUMP, 0, low.length);
        String[] high = {"SPF", "UINFO", "UID", "GID", "UNSPEC", "UNSPECA"};
        System.arraycopy(high, 0, TCPDUMP, 99, high.length);
        String[] meta = {"TKEY", "TSIG", "IXFR", "AXFR", "MAILB", "MAILA", "ANY", "URI"};
        System.arraycopy(meta, 0, TCPDUMP, 249, meta.length);
        System.arraycopy(TCPDUMP, 0, WIRESHARK, 0, TCPDUMP.length);
        String[] more = {"DHCID", "NSEC3", "NSEC3PARAM", "TLSA", "SMIMEA", null, "HIP", "NINFO", "RKEY",
                "TALINK", "CDS", "CDNSKEY", "OPENPGPKEY", "CSYNC", "ZONEMD", "SVCB", "HTTPS"};
        for (int i = 0; i < more.length; i++) {
            WIRESHARK[49 + i] = more[i];
        }
    }

    private DnsTypes() {
    }

    /** tcpdump's name of a type, or null (print {@code Type<n>}). */
    static String tcpdump(int type) {
        return type >= 0 && type < TCPDUMP.length ? TCPDUMP[type] : null;
    }

    /** Wireshark's name of a type, or null (print {@code Unknown (n)}). */
    static String wireshark(int type) {
        if (type == 257) {
            return "CAA";
        }
        return type >= 0 && type < WIRESHARK.length ? WIRESHARK[type] : null;
    }

    /** tcpdump's name of a class ({@code ns_class2str}), or null (print {@code (Class n)}). */
    static String tcpdumpClass(int cls) {
        switch (cls) {
            case 1: return "IN";
            case 3: return "CHAOS";
            case 4: return "HS";
            case 255: return "ANY";
            default: return null;
        }
    }
}
