package org.wiretop.tui.model;

/**
 * What the status bar and the banner show.
 *
 * @param iface         interface captured on, or the file browsed
 * @param captureFilter BPF filter ("" = none)
 * @param displayFilter display filter ("" = none)
 * @param packetsPerSec packets per second over the last interval
 * @param bytesPerSec   bytes per second over the last interval
 * @param kernelDrops   packets dropped by the kernel (libpcap ps_drop + ps_ifdrop)
 * @param ringDrops     packets our ring overwrote
 * @param held          packets held in the ring
 * @param paused        the Packets view is frozen
 * @param clock         wall clock "HH:MM:SS"
 * @param banner        a warning for the user (no capture rights, capture failed), or ""
 */
public record StatusInfo(String iface, String captureFilter, String displayFilter, double packetsPerSec,
                         double bytesPerSec, long kernelDrops, long ringDrops, long held, boolean paused,
                         String clock, String banner) {
}
