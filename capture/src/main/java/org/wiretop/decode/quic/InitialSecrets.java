package org.wiretop.decode.quic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Initial packet keys of RFC 9001 §5.2 (RFC 9369 §3.3 for version 2), derived with HKDF
 * (RFC 5869) as TLS 1.3 labels it (RFC 8446 §7.1), on the JDK's HmacSHA256:
 * <pre>
 * initial_secret = HKDF-Extract(initial_salt, client's first Destination Connection ID)
 * client/server  = HKDF-Expand-Label(initial_secret, "client in" / "server in", "", 32)
 * key = Expand-Label(that, "quic key", "", 16)   iv = ..."quic iv" 12   hp = ..."quic hp" 16
 * </pre>
 * (version 2's labels are "quicv2 key", "quicv2 iv", "quicv2 hp"). Every output is at most one
 * SHA-256 block, so HKDF-Expand is a single HMAC of {@code info || 0x01}. One instance per
 * dissector; the {@link Mac} is made on first use. A derivation allocates (a key object per HMAC
 * key, as {@code Mac.init} takes one): it runs once per new connection ID, not per packet.
 */
final class InitialSecrets {
    private static final byte[] CLIENT_IN = label("client in"), SERVER_IN = label("server in");
    private static final byte[] KEY = label("quic key"), IV = label("quic iv"), HP = label("quic hp");
    private static final byte[] KEY_V2 = label("quicv2 key"), IV_V2 = label("quicv2 iv"), HP_V2 = label("quicv2 hp");

    private Mac hmac;
    private final byte[] prk = new byte[32], secret = new byte[32], block = new byte[32];
    private final byte[] info = new byte[2 + 1 + 6 + 12 + 1 + 1];

    /**
     * Derives the Initial key, IV and header protection key of one side.
     *
     * @param dcid the client's Destination Connection ID, {@code [off, off + length)}
     * @throws GeneralSecurityException only if the JDK lacks HmacSHA256 (every JDK has it)
     */
    void derive(int version, byte[] salt, byte[] dcid, int off, int length, boolean server,
                byte[] key, byte[] iv, byte[] hp) throws GeneralSecurityException {
        if (hmac == null) {
            hmac = Mac.getInstance("HmacSHA256");
        }
        hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
        hmac.update(dcid, off, length);
        hmac.doFinal(prk, 0);
        expand(prk, server ? SERVER_IN : CLIENT_IN, secret, 32);
        boolean v2 = version == QuicVersions.V2;
        expand(secret, v2 ? KEY_V2 : KEY, key, 16);
        expand(secret, v2 ? IV_V2 : IV, iv, 12);
        expand(secret, v2 ? HP_V2 : HP, hp, 16);
    }

    /** HKDF-Expand-Label(secret, label, "", length) for length <= 32 into {@code out}. */
    private void expand(byte[] secretKey, byte[] tlsLabel, byte[] out, int length) throws GeneralSecurityException {
        int n = 0;
        info[n++] = 0;
        info[n++] = (byte) length;
        info[n++] = (byte) tlsLabel.length;
        System.arraycopy(tlsLabel, 0, info, n, tlsLabel.length);
        n += tlsLabel.length;
        info[n++] = 0; // empty context
        info[n++] = 1; // HKDF-Expand's block counter T(1)
        hmac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
        hmac.update(info, 0, n);
        hmac.doFinal(block, 0);
        System.arraycopy(block, 0, out, 0, length);
    }

    /** TLS 1.3's label: "tls13 " + the QUIC label. */
    private static byte[] label(String quicLabel) {
        return ("tls13 " + quicLabel).getBytes(StandardCharsets.US_ASCII);
    }
}
