package org.wiretop.decode.dhcp;

/**
 * tcpdump 4.99.3's table of BOOTP/DHCP options ({@code tag2str} in {@code print-bootp.c}): each
 * name is led by the character that picks its value format, as tcpdump reads it:
 * {@code i} IPv4 addresses, {@code p} address pairs, {@code l} unsigned and {@code L} signed
 * 32-bit numbers, {@code s} 16-bit numbers, {@code b} dotted bytes, {@code x} hex bytes,
 * {@code a} text, {@code B} on/off, {@code $} a format of its own, a space for Pad, End and
 * the message type; {@code ?Unknown} for the rest.
 */
final class BootpTags {
    private static final String UNKNOWN = "?Unknown";
    private static final String[] TAGS = table(
            0, " PAD", 1, "iSubnet-Mask", 2, "LTime-Zone", 3, "iDefault-Gateway", 4, "iTime-Server",
            5, "iIEN-Name-Server", 6, "iDomain-Name-Server", 7, "iLOG", 8, "iCS", 9, "iLPR-Server", 10, "iIM",
            11, "iRL", 12, "aHostname", 13, "sBS", 14, "aDP", 15, "aDomain-Name", 16, "iSS", 17, "aRP", 18, "aEP",
            19, "BIPF", 20, "BSRT", 21, "pPF", 22, "sRSZ", 23, "bTTL", 24, "lMTU-Timeout", 25, "sMTU-Table",
            26, "sMTU", 27, "BLSN", 28, "iBR", 29, "BMD", 30, "BMS", 31, "BRouter-Discovery", 32, "iRSA",
            33, "pStatic-Route", 34, "BUT", 35, "lAT", 36, "BIE", 37, "bTT", 38, "lKI", 39, "BKG", 40, "aYD",
            41, "iYS", 42, "iNTP", 43, "bVendor-Option", 44, "iNetbios-Name-Server", 45, "iWDD",
            46, "$Netbios-Node", 47, "aNetbios-Scope", 48, "iXFS", 49, "iXDM", 50, "iRequested-IP",
            51, "lLease-Time", 52, "$OO", 53, " DHCP-Message", 54, "iServer-ID", 55, "bParameter-Request",
            56, "aMSG", 57, "sMSZ", 58, "lRN", 59, "lRB", 60, "aVendor-Class", 61, "$Client-ID", 64, "sN+D",
            65, "iN+S", 66, "aTFTP", 67, "aBF", 68, "iMH", 69, "iSMTP", 70, "iPOP3", 71, "iNNTP", 72, "iWWW",
            73, "iFG", 74, "iIRC", 75, "iSTS", 76, "iSTDA", 77, "$User-Class", 78, "bSLP-DA", 79, "bSLP-SCOPE",
            80, "aSLP-NA", 81, "$FQDN", 82, "$Agent-Information", 83, "bARMT", 88, "aTZSTR", 89, "bFQDNS",
            90, "bAUTH", 91, "LLast-Transaction-Time", 92, "iAssociated-IP", 93, "sARCH", 94, "bNDI", 95, "aLDAP",
            97, "bGUID", 98, "aUAP", 100, "aPOSIX-TZ", 101, "aTZ-Name", 112, "iNI", 113, "aNITAG", 114, "aURL",
            116, "BNOAUTO", 117, "sNSSEARCH", 118, "iSUBNET", 121, "$Classless-Static-Route",
            150, "iTFTP-Server-Address", 161, "aMUD-URL", 249, "$Classless-Static-Route-Microsoft", 255, " END");

    private BootpTags() {
    }

    /** The format character and name of {@code tag} ({@code "iSubnet-Mask"}). */
    static String of(int tag) {
        String s = TAGS[tag & 0xff];
        return s != null ? s : UNKNOWN;
    }

    private static String[] table(Object... pairs) {
        String[] t = new String[256];
        for (int i = 0; i < pairs.length; i += 2) {
            t[(Integer) pairs[i]] = (String) pairs[i + 1];
        }
        return t;
    }
}
