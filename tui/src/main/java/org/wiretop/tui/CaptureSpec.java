package org.wiretop.tui;

/**
 * What the UI captures from: a live interface with a BPF filter, a capture file, or a pcap
 * stream on standard input ({@code ssh host wiretop capture -w - | wiretop -r -}), which the UI
 * follows live as it does an interface.
 *
 * @param device   interface name ("any", "lo"); null when reading a file or a stream
 * @param bpf      BPF filter in tcpdump syntax ("" = none)
 * @param file     capture file to browse, "-" for the stream on standard input, or null for live capture
 */
public record CaptureSpec(String device, String bpf, String file) {
    public static CaptureSpec live(String device, String bpf) {
        return new CaptureSpec(device, bpf == null ? "" : bpf, null);
    }

    public static CaptureSpec file(String path) {
        return new CaptureSpec(null, "", path);
    }

    /** The pcap or pcapng stream on standard input. */
    public static CaptureSpec stream() {
        return new CaptureSpec(null, "", "-");
    }

    /** Read with the file readers (a file, or the stream on standard input). */
    public boolean isFile() {
        return file != null;
    }

    /** The stream on standard input: live, but it cannot be reopened with another filter or interface. */
    public boolean isStream() {
        return "-".equals(file);
    }

    /** What the status bar calls the source. */
    public String label() {
        return isStream() ? STREAM_LABEL : isFile() ? file : device;
    }

    public static final String STREAM_LABEL = "stdin (pcap stream)";
}
