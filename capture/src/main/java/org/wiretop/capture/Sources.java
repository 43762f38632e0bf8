package org.wiretop.capture;

import java.util.List;

/** Opens packet sources. (PLACEHOLDER signatures — the capture I/O work fills these in.) */
public final class Sources {
    private Sources() {
    }

    /** A live capture; fails with a one-line, actionable {@link CaptureException}. */
    public static PacketSource openLive(LiveOptions options) throws CaptureException {
        throw new CaptureException("live capture is not built yet", false);
    }

    /** A pcap or pcapng file, or "-" for a pcap stream on standard input. */
    public static PacketSource openFile(String pathOrDash) throws CaptureException {
        throw new CaptureException("file reading is not built yet", false);
    }

    /** The interfaces libpcap can capture on, as tcpdump -D lists them. */
    public static List<InterfaceInfo> interfaces() throws CaptureException {
        throw new CaptureException("interface listing is not built yet", false);
    }
}
