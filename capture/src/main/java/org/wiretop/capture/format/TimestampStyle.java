package org.wiretop.capture.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * How a packet's time starts its text line, as tcpdump prints it: local wall-clock time
 * ({@code 12:00:00.000001}, the default), or seconds since the epoch ({@code -tt}), each with
 * microseconds (tcpdump's default) or nanoseconds ({@code --nano}).
 *
 * <p>The local-time offset is looked up once per 15-minute slot (every zone's offset changes only
 * on such boundaries in practice), so formatting allocates nothing per packet. Not thread-safe:
 * one instance per formatter.
 */
public final class TimestampStyle {
    private static final long SLOT_SECONDS = 900;

    private final boolean epoch;
    private final boolean nanos;
    private final ZoneRules zone;
    private long slotStart = Long.MIN_VALUE;
    private long slotOffsetSeconds;

    private TimestampStyle(boolean epoch, boolean nanos, ZoneId zone) {
        this.epoch = epoch;
        this.nanos = nanos;
        this.zone = zone.getRules();
    }

    /** Local time of day, like tcpdump's default (and {@code --nano}). */
    public static TimestampStyle localTime(boolean nanos) {
        return new TimestampStyle(false, nanos, ZoneId.systemDefault());
    }

    /** Local time of day in a given zone (tests). */
    public static TimestampStyle localTime(boolean nanos, ZoneId zone) {
        return new TimestampStyle(false, nanos, zone);
    }

    /** Seconds since the epoch with a fraction, like tcpdump's {@code -tt}. */
    public static TimestampStyle epoch(boolean nanos) {
        return new TimestampStyle(true, nanos, ZoneId.systemDefault());
    }

    /** Appends the time of {@code epochNanos} (no trailing space). */
    public void append(StringBuilder out, long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int fraction = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        if (epoch) {
            out.append(seconds);
        } else {
            long local = seconds + offsetFor(seconds);
            int secondOfDay = (int) Math.floorMod(local, 86_400L);
            append2(out, secondOfDay / 3600).append(':');
            append2(out, secondOfDay / 60 % 60).append(':');
            append2(out, secondOfDay % 60);
        }
        out.append('.');
        if (nanos) {
            appendPadded(out, fraction, 100_000_000);
        } else {
            appendPadded(out, fraction / 1000, 100_000);
        }
    }

    private long offsetFor(long seconds) {
        if (seconds < slotStart || seconds >= slotStart + SLOT_SECONDS) {
            slotStart = Math.floorDiv(seconds, SLOT_SECONDS) * SLOT_SECONDS;
            slotOffsetSeconds = zone.getOffset(Instant.ofEpochSecond(slotStart)).getTotalSeconds();
        }
        return slotOffsetSeconds;
    }

    private static StringBuilder append2(StringBuilder out, int v) {
        return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** Appends {@code v} zero-padded to as many digits as {@code topDigit} has. */
    private static void appendPadded(StringBuilder out, int v, int topDigit) {
        for (int d = topDigit; d > 0; d /= 10) {
            out.append((char) ('0' + v / d % 10));
        }
    }
}
