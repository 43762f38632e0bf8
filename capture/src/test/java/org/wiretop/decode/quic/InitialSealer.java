package org.wiretop.decode.quic;

import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-side sender: protects an Initial the way an endpoint does (RFC 9001 §5.3-5.4, encrypt,
 * then mask the header), with the same key derivation the dissector uses, so tests can make
 * Initials with any content (CRYPTO frames out of order, lengths that lie). That it reproduces the
 * RFCs' protected packets byte for byte is checked by {@link InitialSecretsTest}.
 */
public final class InitialSealer {
    private InitialSealer() {
    }

    /**
     * The protected packet of an unprotected long {@code header} (ending with its packet number of
     * {@code pnLength} bytes; its Length field must already count the packet number, payload and
     * tag) and {@code payload}, with the Initial keys of {@code (version, dcid, server)}.
     */
    public static byte[] seal(int version, String dcid, boolean server, String header, int pnLength, byte[] payload)
            throws Exception {
        HexFormat hex = HexFormat.of();
        byte[] cid = hex.parseHex(dcid);
        byte[] h = hex.parseHex(header.replace(" ", ""));
        byte[] key = new byte[16], iv = new byte[12], hp = new byte[16];
        new InitialSecrets().derive(version, QuicVersions.salt(version), cid, 0, cid.length, server, key, iv, hp);
        int pnOffset = h.length - pnLength;
        long pn = 0;
        for (int i = pnOffset; i < h.length; i++) {
            pn = pn << 8 | (h[i] & 0xff);
        }
        for (int i = 0; i < 8; i++) {
            iv[11 - i] ^= (byte) (pn >>> (8 * i));
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(h);
        byte[] sealed = gcm.doFinal(payload);
        byte[] packet = new byte[h.length + sealed.length];
        System.arraycopy(h, 0, packet, 0, h.length);
        System.arraycopy(sealed, 0, packet, h.length, sealed.length);
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
        byte[] mask = ecb.doFinal(packet, pnOffset + 4, 16);
        packet[0] ^= (byte) (mask[0] & 0x0f);
        for (int i = 0; i < pnLength; i++) {
            packet[pnOffset + i] ^= mask[1 + i];
        }
        return packet;
    }

    /** {@code frames} followed by PADDING up to {@code size} bytes. */
    public static byte[] padded(String frames, int size) {
        byte[] f = HexFormat.of().parseHex(frames.replace(" ", ""));
        return java.util.Arrays.copyOf(f, Math.max(size, f.length));
    }
}
