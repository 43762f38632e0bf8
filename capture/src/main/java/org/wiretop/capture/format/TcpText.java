package org.wiretop.capture.format;

import static org.wiretop.decode.PacketSummary.ACK;
import static org.wiretop.decode.PacketSummary.FIN;
import static org.wiretop.decode.PacketSummary.RST;
import static org.wiretop.decode.PacketSummary.SYN;
import static org.wiretop.decode.PacketSummary.URG;

import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * A TCP segment in tcpdump's words (print-tcp.c): {@code Flags [S.], seq 1, ack 2, win 65535,
 * options [mss 1460], length 0}, sequence numbers relative to the conversation ({@link
 * RelativeSeq}) or absolute, the options ({@link TcpOptionsText}), then the application's text;
 * with {@code -v} the checksum and a reset's text ({@link TransportVerboseText}), with
 * {@code -vv} the sequence number on every segment. Not thread-safe (the conversations).
 */
final class TcpText {
    /** Per-conversation bases for relative sequence numbers, or null for absolute ones. */
    private final RelativeSeq relative;
    private final int verbose;
    private final AppText app;

    TcpText(RelativeSeq relative, int verbose, AppText app) {
        this.relative = relative;
        this.verbose = verbose;
        this.app = app;
    }

    /**
     * Appends what follows "src.port > dst.port: "; false when the application's printer ran
     * out of bytes where tcpdump's gives up the packet (its dumps then start at the first byte).
     *
     * @param segment the IP payload's length (the TCP header included), for -v's checksum
     */
    boolean append(LineBuilder out, PacketSummary s, byte[] d, int end, int segment, boolean v6) {
        if (s.tcpFlags < 0 || (s.status == Status.TRUNCATED && "tcp".equals(s.reason))) {
            // tcpdump prints the ports, then the truncation mark, when the header is cut short
            out.append(' ');
            StatusText.appendTruncated(out, s);
            return true;
        }
        int flags = s.tcpFlags;
        out.append("Flags [");
        if ((flags & 0xff) == 0) {
            out.append("none");
        } else {
            final String letters = "FSRP.UEW";
            for (int bit = 0; bit < 8; bit++) {
                if ((flags & (1 << bit)) != 0) {
                    out.append(letters.charAt(bit));
                }
            }
        }
        out.append(']');
        int length = Math.max(s.tcpPayloadLength, 0);
        long seq = s.tcpSeq, ack = s.tcpAck, sackBase = 0;
        if (relative != null && (flags & ACK) != 0) {
            relative.track(s);
            seq = relative.seq(seq);
            ack = relative.ack(ack);
            sackBase = relative.sackBase();
        }
        if (verbose > 0) {
            TransportVerboseText.appendTcpChecksum(out, s, d, end, segment, v6);
        }
        if (length > 0 || (flags & (SYN | FIN | RST)) != 0 || verbose > 1) {
            out.append(", seq ").append(seq);
            if (length > 0) {
                out.append(':').append((seq + length) & 0xffffffffL);
            }
        }
        if ((flags & ACK) != 0) {
            out.append(", ack ").append(ack);
        }
        out.append(", win ").append(s.tcpWindow);
        if ((flags & URG) != 0) {
            out.append(", urg ").append(s.tcpUrgent);
        }
        if (s.tcpHeaderLength > 20 && s.transportOffset >= 0) {
            int optStart = s.transportOffset + 20;
            int optEnd = Math.min(s.transportOffset + s.tcpHeaderLength, end);
            out.append(", options [");
            TcpOptionsText.append(out, d, optStart, optEnd, sackBase);
            out.append(']');
        }
        out.append(", length ").append(length);
        if (verbose > 0 && (flags & RST) != 0 && length > 0 && s.payloadOffset >= 0) {
            TransportVerboseText.appendResetText(out, d, s.payloadOffset, length, end);
            return true; // tcpdump shows a reset's text instead of any application
        }
        if (s.app != null) {
            return app.append(out, s, verbose); // tcpdump's text follows "length N"; the app owns the status
        }
        StatusText.appendSuffix(out, s);
        return true;
    }

}
