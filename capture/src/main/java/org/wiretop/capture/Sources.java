package org.wiretop.capture;

import java.io.InputStream;
import java.util.List;

/** Opens packet sources: live interfaces, capture files, pcap streams. */
public final class Sources {
    private Sources() {
    }

    /** A live capture; fails with a one-line, actionable {@link CaptureException}. */
    public static PacketSource openLive(LiveOptions options) throws CaptureException {
        return LiveOpener.open(options);
    }

    /**
     * A pcap or pcapng file, or "-" for a pcap or pcapng stream on standard input. Classic pcap
     * files are read by our own reader (pure Java, chunked reads), pcapng files through libpcap,
     * and both stream formats by our own readers, packet by packet.
     */
    public static PacketSource openFile(String pathOrDash) throws CaptureException {
        return FileOpener.open(pathOrDash);
    }

    /** A file read through libpcap whatever its format (the reference the pure-Java reader is held to). */
    public static PacketSource openFileWithLibpcap(String path) throws CaptureException {
        return FileOpener.openWithLibpcap(path);
    }

    /** A pcap or pcapng stream from any input (a pipe, a socket), delivered packet by packet. */
    public static PacketSource openStream(String name, InputStream in) throws CaptureException {
        return FileOpener.openStream(name, in);
    }

    /** The interfaces libpcap can capture on, as tcpdump -D lists them. */
    public static List<InterfaceInfo> interfaces() throws CaptureException {
        return InterfaceLister.list();
    }
}
