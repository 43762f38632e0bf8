package org.wiretop.capture;

/**
 * Capture counters, as tcpdump prints them at the end.
 *
 * @param captured          packets delivered to our handler
 * @param receivedByFilter  packets that passed the kernel filter (libpcap ps_recv; on lo each
 *                          packet is counted twice, as tcpdump shows too)
 * @param droppedByKernel   packets dropped for lack of buffer space (ps_drop)
 * @param droppedByIface    packets dropped by the interface or driver (ps_ifdrop)
 */
public record CaptureStats(long captured, long receivedByFilter, long droppedByKernel, long droppedByIface) {
    public static final CaptureStats NONE = new CaptureStats(0, 0, 0, 0);
}
