package org.wiretop.decode.quic;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens a QUIC Initial packet (RFC 9001 §5.3-5.4): removes header protection with AES-128 in ECB
 * mode over a 16-byte sample of the ciphertext, then decrypts and authenticates the payload with
 * AES-128-GCM, the header up to the packet number being the associated data. Both from the JDK's
 * {@code javax.crypto}: no dependency, AES-NI when the CPU has it.
 *
 * <p>Keys are derived by {@link InitialSecrets} and kept for the last {@link #SLOTS} (version,
 * connection ID, side) triples, each with its own header-protection cipher initialised once, so a
 * connection's packets derive nothing and the mask allocates nothing. What still allocates is the
 * JDK's GCM: a {@link GCMParameterSpec} per packet (the nonce changes, and {@code Cipher.init} takes
 * only a spec) and, in JDK 17's decrypt, an internal buffer of about the ciphertext's size
 * (measured in docs/benchmarks.md); a bad tag also costs the JDK's exception. Only Initial packets
 * come here: a few per connection.
 */
final class InitialProtection {
    static final int TAG = 16, SAMPLE = 16;
    private static final int SLOTS = 4, MAX_CID = 20;

    private final InitialSecrets secrets = new InitialSecrets();
    private final int[] slotVersion = new int[SLOTS];
    private final boolean[] slotServer = new boolean[SLOTS];
    private final byte[] slotCid = new byte[SLOTS * MAX_CID];
    private final int[] slotCidLength = new int[SLOTS];
    private final SecretKeySpec[] slotKey = new SecretKeySpec[SLOTS];
    private final byte[] slotIv = new byte[SLOTS * 12];
    private final Cipher[] slotMask = new Cipher[SLOTS];
    private int slots, nextSlot;
    private final byte[] key = new byte[16], iv = new byte[12], hp = new byte[16];

    private Cipher gcm;
    private final byte[] mask = new byte[16], nonce = new byte[12], firstByte = new byte[1], pnBytes = new byte[4];
    /** The plaintext of the last packet opened: {@code [0, length)}; grows to the largest packet. */
    private byte[] plain = new byte[0];
    private int length;
    private long packetNumber;

    /**
     * Opens the long-header packet {@code data[start, end)} whose packet number field starts at
     * {@code pnOffset}, with the Initial keys of {@code (version, dcid, server)}.
     *
     * @return true when the tag checked: {@link #plaintext()} and {@link #packetNumber()} hold the
     *         result; false when it did not (wrong keys or damaged bytes), or the packet is too
     *         short to hold a sample
     */
    boolean open(byte[] data, int start, int pnOffset, int end, int version, byte[] dcid, int dcidOffset,
                 int dcidLength, boolean server) {
        packetNumber = -1;
        if (pnOffset + 4 + SAMPLE > end || dcidLength > MAX_CID) {
            return false;
        }
        try {
            int slot = keys(version, dcid, dcidOffset, dcidLength, server);
            slotMask[slot].doFinal(data, pnOffset + 4, SAMPLE, mask, 0);
            int first = (data[start] ^ (mask[0] & 0x0f)) & 0xff;
            int pnLength = (first & 3) + 1;
            long pn = 0;
            for (int i = 0; i < pnLength; i++) {
                pnBytes[i] = (byte) (data[pnOffset + i] ^ mask[1 + i]);
                pn = pn << 8 | (pnBytes[i] & 0xff);
            }
            packetNumber = pn; // known once the mask is off, tag or no tag (tshark shows it either way)
            System.arraycopy(slotIv, slot * 12, nonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (pn >>> (8 * i));
            }
            int payload = pnOffset + pnLength, payloadLength = end - payload;
            if (payloadLength < TAG) {
                return false;
            }
            if (plain.length < payloadLength) {
                plain = new byte[Math.max(payloadLength, 1500)]; // bounded by the datagram (64 KiB)
            }
            if (gcm == null) {
                gcm = Cipher.getInstance("AES/GCM/NoPadding");
            }
            gcm.init(Cipher.DECRYPT_MODE, slotKey[slot], new GCMParameterSpec(TAG * 8, nonce));
            firstByte[0] = (byte) first;
            gcm.updateAAD(firstByte, 0, 1);
            gcm.updateAAD(data, start + 1, pnOffset - start - 1);
            gcm.updateAAD(pnBytes, 0, pnLength);
            length = gcm.doFinal(data, payload, payloadLength, plain, 0);
            return true;
        } catch (AEADBadTagException bad) {
            return false;
        } catch (GeneralSecurityException | IllegalStateException broken) {
            return false; // a JDK without AES-GCM: nothing to decrypt with
        }
    }

    /** The slot holding the keys of {@code (version, cid, server)}, derived now if none does. */
    private int keys(int version, byte[] cid, int off, int cidLength, boolean server) throws GeneralSecurityException {
        for (int s = 0; s < slots; s++) {
            if (slotVersion[s] == version && slotServer[s] == server && slotCidLength[s] == cidLength
                    && java.util.Arrays.equals(slotCid, s * MAX_CID, s * MAX_CID + cidLength, cid, off, off + cidLength)) {
                return s;
            }
        }
        int s = nextSlot;
        nextSlot = (nextSlot + 1) % SLOTS;
        slots = Math.max(slots, s + 1);
        slotCidLength[s] = -1; // unusable until derived
        secrets.derive(version, QuicVersions.salt(version), cid, off, cidLength, server, key, iv, hp);
        if (slotMask[s] == null) {
            slotMask[s] = Cipher.getInstance("AES/ECB/NoPadding");
        }
        slotMask[s].init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
        slotKey[s] = new SecretKeySpec(key, "AES");
        System.arraycopy(iv, 0, slotIv, s * 12, 12);
        System.arraycopy(cid, off, slotCid, s * MAX_CID, cidLength);
        slotVersion[s] = version;
        slotServer[s] = server;
        slotCidLength[s] = cidLength;
        return s;
    }

    byte[] plaintext() {
        return plain;
    }

    int plaintextLength() {
        return length;
    }

    /** The last packet's number once its header protection was removed (even if its tag failed), or -1. */
    long packetNumber() {
        return packetNumber;
    }
}
