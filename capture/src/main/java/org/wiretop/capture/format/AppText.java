package org.wiretop.capture.format;

import org.wiretop.decode.AppDissector;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Truncated;

/**
 * Prints a packet's application layer in tcpdump's words, and is the one place where a printer
 * running out of captured bytes is caught: as tcpdump does, the line then ends with
 * {@code [|domain]}. One instance per formatter, or per UI list (it reuses its view).
 */
public final class AppText {
    /** Wireshark's Info column holds 4,095 characters (COL_MAX_INFO_LEN with its NUL). */
    static final int INFO_MAX = 4095;

    private final PacketBuf view = new PacketBuf();

    /**
     * Appends {@code s.app}'s text (see {@link AppDissector#appendText}); false when the printer
     * ran out of bytes and tcpdump's would have given up the whole packet there
     * ({@link AppDissector#tcpdumpStopsPacketWhenTruncated}).
     */
    boolean append(LineBuilder out, PacketSummary s, int verbose) {
        AppDissector d = s.app;
        try {
            d.appendText(d.view(view), out, s, verbose);
            return true;
        } catch (Truncated cut) {
            out.append(" [|").append(d.tcpdumpName()).append(']');
            return !d.tcpdumpStopsPacketWhenTruncated();
        }
    }

    /** Appends {@code s.app}'s Wireshark-style Info, or as much of it as the bytes allow, at most {@link #INFO_MAX}. */
    public void appendInfo(LineBuilder out, PacketSummary s) {
        AppDissector d = s.app;
        int start = out.length();
        try {
            d.appendInfo(d.view(view), out, s);
        } catch (Truncated cut) {
            out.append(" [truncated]");
        }
        if (out.length() - start > INFO_MAX) {
            out.setLength(start + INFO_MAX);
        }
    }
}
