package org.wiretop.capture.format;

import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/** How a line ends when the decoder stopped early: tcpdump's {@code [|tcp]}, or our {@code [reason]}. */
final class StatusText {
    private StatusText() {
    }

    /** tcpdump's truncation mark: {@code [|tcp]}, naming the layer the capture ended in. */
    static void appendTruncated(LineBuilder out, PacketSummary s) {
        out.append("[|").append(s.reason.isEmpty() ? "frame" : s.reason).append(']'); // decoder uses tcpdump's layer names
    }

    /** A header with an impossible value, or a capture cut inside a header printed in full. */
    static void appendSuffix(LineBuilder out, PacketSummary s) {
        if (s.status == Status.INVALID && !(isFirstFragment(s) && s.transportOffset >= 0)) {
            // (a first fragment's transport length exceeds the packet by design: not an error)
            out.append(" [");
            out.appendTemplate(s.reason, s.reasonValue);
            out.append(']');
        } else if (s.status == Status.TRUNCATED) {
            out.append(' ');
            appendTruncated(out, s);
        }
    }

    private static boolean isFirstFragment(PacketSummary s) {
        return (s.ipMf || s.ip6Mf) && !s.laterFragment;
    }
}
