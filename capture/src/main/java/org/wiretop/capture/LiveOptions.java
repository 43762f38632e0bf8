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
     * client that lives 20 ms must still hold its socket when we ask. The kernel hands over a
     * block of packets when it is full or this old, so at moderate rates blocks leave partly full
     * and the buffer holds fewer packets: such captures get {@link #ATTRIBUTION_BUFFER_BYTES} by
     * default. Measured (docs/benchmarks.md): 1–2 ms named more of the clients living under 5 ms
     * but left the buffer a tenth of a second of slack at 45 k packets/s, and the capture lost
     * packets under load; 10 ms still names clients living 20 ms.
     */
    public static final int ATTRIBUTION_TIMEOUT_MILLIS = 10;
    /** The default kernel buffer with {@link #ATTRIBUTION_TIMEOUT_MILLIS} (blocks leave partly full). */
    public static final int ATTRIBUTION_BUFFER_BYTES = 64 << 20;

    public static LiveOptions of(String device, String filter) {
        return new LiveOptions(device, filter, DEFAULT_SNAPLEN, true, false, DEFAULT_BUFFER_BYTES,
                DEFAULT_TIMEOUT_MILLIS);
    }
}
