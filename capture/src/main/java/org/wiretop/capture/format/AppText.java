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
    private final PacketBuf view = new PacketBuf();

    /** Appends {@code s.app}'s text (see {@link AppDissector#appendText}). */
    void append(LineBuilder out, PacketSummary s, int verbose) {
        AppDissector d = s.app;
        try {
            d.appendText(d.view(view), out, s, verbose);
        } catch (Truncated cut) {
            out.append(" [|").append(d.tcpdumpName()).append(']');
        }
    }

    /** Appends {@code s.app}'s Wireshark-style Info, or as much of it as the bytes allow. */
    public void appendInfo(LineBuilder out, PacketSummary s) {
        AppDissector d = s.app;
        try {
            d.appendInfo(d.view(view), out, s);
        } catch (Truncated cut) {
            out.append(" [truncated]");
        }
    }
}
