package org.wiretop.decode.ssh;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;

/**
 * SSH's field ({@code ssh.protocol}, the version line, as tshark 4.0 shows it) and Wireshark's
 * Info: {@code Client: Protocol (SSH-2.0-...)}, the key exchange messages while they travel in
 * clear ({@code Server: Key Exchange Init}, {@code Diffie-Hellman Key Exchange Reply, New Keys}),
 * then {@code Encrypted packet (len=N)}. Wireshark knows from the conversation when the keys
 * change; a single segment is taken as clear only when it is made of whole binary packets
 * with key exchange codes, end to end or up to a New Keys (after which comes ciphertext).
 */
final class SshInfo {
    static final AppField[] FIELDS = {
            AppField.text("ssh.protocol", "Protocol", Ssh.class, d -> d.protocolLength >= 0 ? 1 : 0,
                    (d, i, out) -> out.append(d.data(), d.protocol, d.protocolLength)),
    };
    /** Binary packets looked at in one segment. */
    private static final int MAX_PACKETS = 8;
    private static final int KEXINIT = 20, NEWKEYS = 21, KEX_INIT = 30, KEX_REPLY = 31;

    private SshInfo() {
    }

    static void append(Ssh d, PacketBuf in, LineBuilder out, boolean fromServer) {
        out.append(fromServer ? "Server: " : "Client: ");
        if (d.protocolLength >= 0) {
            out.append("Protocol (");
            for (int i = 0; i < d.protocolLength; i++) {
                int c = d.data()[d.protocol + i] & 0xff;
                out.append(c < 0x20 || c > 0x7e ? '.' : (char) c);
            }
            out.append(')');
        } else if (!keyExchange(d, in, out)) {
            out.append("Encrypted packet (len=").append(d.length()).append(')');
        }
    }

    /** Appends the key exchange messages when the segment is whole clear packets of them. */
    private static boolean keyExchange(Ssh d, PacketBuf in, LineBuilder out) {
        int p = d.start();
        int end = d.start() + d.length();
        long codes = 0; // one byte a packet, MAX_PACKETS of them
        int n = 0;
        while (p < end) {
            if (n == MAX_PACKETS || !in.has(p, 6)) {
                return false;
            }
            long packetLength = in.u32(p);
            int padding = in.u8(p + 4);
            int code = in.u8(p + 5);
            if (packetLength < 12 || packetLength > end - p - 4 || padding < 4 || padding >= packetLength
                    || code != KEXINIT && code != NEWKEYS && code != KEX_INIT && code != KEX_REPLY) {
                return false;
            }
            codes = codes << 8 | code;
            n++;
            p += 4 + (int) packetLength;
            if (code == NEWKEYS) {
                break; // what follows is under the new keys
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            out.append(name((int) (codes >>> (8 * i)) & 0xff));
            if (i > 0) {
                out.append(", ");
            }
        }
        return n > 0;
    }

    private static String name(int code) {
        switch (code) {
            case KEXINIT: return "Key Exchange Init";
            case NEWKEYS: return "New Keys";
            case KEX_INIT: return "Diffie-Hellman Key Exchange Init";
            default: return "Diffie-Hellman Key Exchange Reply";
        }
    }
}
