package org.wiretop.capture;

/**
 * What to capture live and how (tcpdump's -i, filter words, -s, -p, --immediate-mode, -B).
 *
 * @param device        interface name, or "any"
 * @param filter        BPF filter in tcpdump syntax, or "" for none
 * @param snaplen       bytes kept of each packet (tcpdump's default 262144)
 * @param promiscuous   put the interface in promiscuous mode (tcpdump's default; -p turns it off)
 * @param immediate     deliver each packet at once instead of in batches (costs speed)
 * @param bufferBytes   kernel capture buffer size (large, so 1 M packets/s lose nothing)
 * @param timeoutMillis read timeout: how long libpcap may hold a batch back
 */
public record LiveOptions(String device, String filter, int snaplen, boolean promiscuous,
                          boolean immediate, int bufferBytes, int timeoutMillis) {
    public static final int DEFAULT_SNAPLEN = 262144;
    public static final int DEFAULT_BUFFER_BYTES = 32 << 20;
    public static final int DEFAULT_TIMEOUT_MILLIS = 100;
    /**
     * The read timeout when packets must reach us quickly enough to name their processes: a
     * client that lives a few milliseconds must still hold its socket when we ask. At full rate
     * the kernel's blocks fill long before it; when quiet it costs at most this many wake-ups.
     */
    public static final int ATTRIBUTION_TIMEOUT_MILLIS = 1;

    public static LiveOptions of(String device, String filter) {
        return new LiveOptions(device, filter, DEFAULT_SNAPLEN, true, false, DEFAULT_BUFFER_BYTES,
                DEFAULT_TIMEOUT_MILLIS);
    }
}
