package org.wiretop.tui;

/**
 * What the UI captures from: a live interface with a BPF filter, or a capture file.
 *
 * @param device   interface name ("any", "lo"); null when reading a file
 * @param bpf      BPF filter in tcpdump syntax ("" = none)
 * @param file     capture file to browse, or null for live capture
 */
public record CaptureSpec(String device, String bpf, String file) {
    public static CaptureSpec live(String device, String bpf) {
        return new CaptureSpec(device, bpf == null ? "" : bpf, null);
    }

    public static CaptureSpec file(String path) {
        return new CaptureSpec(null, "", path);
    }

    public boolean isFile() {
        return file != null;
    }

    /** What the status bar calls the source. */
    public String label() {
        return isFile() ? file : device;
    }
}
