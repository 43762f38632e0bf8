package org.wiretop.tui;

import org.wiretop.capture.CaptureStats;

/**
 * The capture as the UI sees it, published by the capture thread (immutable).
 *
 * @param spec    what is captured
 * @param stats   libpcap's counters at the last publication
 * @param running the capture thread is delivering packets
 * @param error   why there is no capture (no rights, bad filter, ...), or ""
 */
public record CaptureStatus(CaptureSpec spec, CaptureStats stats, boolean running, String error) {
}
