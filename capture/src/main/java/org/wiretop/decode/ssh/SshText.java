package org.wiretop.decode.ssh;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * SSH the way {@code tcpdump -nn} 4.99 prints it ({@code ssh_print_version} in
 * {@code print-ssh.c}): {@code ": SSH: SSH-2.0-OpenSSH_9.2p1 Debian-2"} for a segment that starts
 * with {@code SSH-} (exact case) and whose version line ends (LF or CRLF) in printable ASCII;
 * nothing for any other segment. Its first four reads are unchecked against the segment's length,
 * as tcpdump's are: a segment of fewer than four captured bytes throws, and the caller prints
 * {@code [|ssh]}.
 */
final class SshText {
    void print(Ssh d, PacketBuf in, LineBuilder out) {
        int p = d.start();
        int len = d.length();
        if (in.u8(p) != 'S' || in.u8(p + 1) != 'S' || in.u8(p + 2) != 'H' || in.u8(p + 3) != '-') {
            return;
        }
        for (int idx = 4; idx < len; idx++) {
            int c = in.u8(p + idx);
            if (c == '\n') {
                out.append(": SSH: ").append(in.array(), p, idx);
                return;
            }
            if (c == '\r') {
                if (idx + 1 >= len || in.u8(p + idx + 1) != '\n') {
                    return;
                }
                out.append(": SSH: ").append(in.array(), p, idx);
                return;
            }
            if (c < 0x20 || c > 0x7e) {
                return;
            }
        }
    }
}
