package org.wiretop.decode.quic;

/**
 * What differs between the QUIC versions wiretop knows: the long header's packet type bits and the
 * Initial salt and key labels. Version 1 (RFC 9000/9001), version 2 (RFC 9369: types rotated,
 * salt and labels of its own) and the IETF drafts {@code 0xff0000xx} (version 1's layout; salts
 * from the drafts, as Wireshark has them: drafts 21-22, 23-28, 29-32, 33-34 like version 1).
 */
final class QuicVersions {
    static final int V1 = 0x00000001, V2 = 0x6b3343cf, NEGOTIATION = 0;
    /** Packet types in version 1's numbering. */
    static final int INITIAL = 0, ZERO_RTT = 1, HANDSHAKE = 2, RETRY = 3;

    private static final byte[] SALT_V1 = hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    private static final byte[] SALT_V2 = hex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    private static final byte[] SALT_DRAFT_21 = hex("7fbcdb0e7c66bbe9193a96cd21519ebd7a02644a");
    private static final byte[] SALT_DRAFT_23 = hex("c3eef712c72ebb5a11a7d2432bb46365bef9f502");
    private static final byte[] SALT_DRAFT_29 = hex("afbfec289993d24c9e9786f19c6111e04390a899");

    private QuicVersions() {
    }

    /** Version 1, version 2 or an IETF draft: a header wiretop can read past the connection IDs. */
    static boolean known(int version) {
        return version == V1 || version == V2 || (version & 0xffffff00) == 0xff000000;
    }

    /** Google QUIC's versions ({@code Q046}, {@code T051}): Wireshark's gquic, not IETF QUIC. */
    static boolean google(int version) {
        int c = version >>> 24;
        return (c == 'Q' || c == 'T') && ((version >>> 16) & 0xff) >= '0' && ((version >>> 16) & 0xff) <= '9';
    }

    /** The packet type in version 1's numbering, from the header's two type bits. */
    static int type(int version, int bits) {
        return version == V2 ? (bits + 3) & 3 : bits; // v2: Retry 0, Initial 1, 0-RTT 2, Handshake 3
    }

    /** The Initial salt, or null when the version's Initial keys are not known. */
    static byte[] salt(int version) {
        if (version == V1) {
            return SALT_V1;
        }
        if (version == V2) {
            return SALT_V2;
        }
        int draft = version - 0xff000000;
        if (draft >= 21 && draft <= 22) {
            return SALT_DRAFT_21;
        }
        if (draft >= 23 && draft <= 28) {
            return SALT_DRAFT_23;
        }
        if (draft >= 29 && draft <= 32) {
            return SALT_DRAFT_29;
        }
        return draft >= 33 && draft <= 34 ? SALT_V1 : null;
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
