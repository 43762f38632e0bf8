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
 * on such boundaries in practice) and the text up to the fraction is kept for the current second,
 * so formatting allocates nothing per packet (only once a second). Not thread-safe:
 * one instance per formatter.
 */
public final class TimestampStyle {
    private static final long SLOT_SECONDS = 900;

    private final boolean epoch;
    private final boolean nanos;
    private final ZoneRules zone;
    private long slotStart = Long.MIN_VALUE;
    private long slotOffsetSeconds;
    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] secondText = new byte[24];
    private int secondLength;

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
    public void append(LineBuilder out, long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int fraction = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        if (seconds != cachedSecond) {
            cacheSecond(seconds);
        }
        out.append(secondText, 0, secondLength);
        if (nanos) {
            out.appendPadded(fraction, 9);
        } else {
            out.appendPadded(fraction / 1000, 6);
        }
    }

    /** Packets come in time order, so the "HH:MM:SS." text is built once a second. */
    private void cacheSecond(long seconds) {
        cachedSecond = seconds;
        StringBuilder b = new StringBuilder(24);
        if (epoch) {
            b.append(seconds);
        } else {
            long local = seconds + offsetFor(seconds);
            int secondOfDay = (int) Math.floorMod(local, 86_400L);
            append2(b, secondOfDay / 3600).append(':');
            append2(b, secondOfDay / 60 % 60).append(':');
            append2(b, secondOfDay % 60);
        }
        b.append('.');
        secondLength = b.length();
        for (int i = 0; i < secondLength; i++) {
            secondText[i] = (byte) b.charAt(i);
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
}
