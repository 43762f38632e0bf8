package org.wiretop.decode.ntp;

import org.wiretop.capture.format.LineBuilder;

/**
 * NTP's 64-bit timestamps (seconds since 1900 and a 32-bit fraction, RFC 5905 §6) as text,
 * without allocating: tcpdump's {@code 3790979232.500000000 (2020-02-18T01:47:12Z)} (its
 * {@code p_ntp_time}: era 0 only) and Wireshark's {@code Feb 18, 2020 01:47:12.500000000 UTC}
 * (era 1 when the top bit is clear, so 0x00000001 is in 2036; {@code NULL} for zero). Both turn
 * the fraction into nanoseconds the same way, in doubles: {@code (uint32)(frac / 2^32 * 1e9)}.
 */
final class NtpTime {
    /** Seconds from 1900 to 1970, and from 1970 to 2036 (Wireshark's era-1 offset). */
    static final long EPOCH_1900 = 2208988800L, ERA_1 = 2085978496L;
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private NtpTime() {
    }

    /** The fraction in nanoseconds, truncated, as both tools compute it. */
    static int nanos(long fraction) {
        double ff = (double) fraction / 4294967296.0;
        return (int) (long) (ff * 1000000000.0);
    }

    /** tcpdump's {@code p_ntp_time}: seconds.nanoseconds and, unless zero, the UTC date. */
    static void appendTcpdump(LineBuilder out, long seconds, long fraction) {
        out.append(seconds).append('.').appendPadded(nanos(fraction), 9);
        if (seconds != 0) {
            out.append(" (");
            appendIso(out, seconds - EPOCH_1900);
            out.append(')');
        }
    }

    /** {@code 2020-02-18T01:47:12Z} for seconds since 1970 (negative before it). */
    static void appendIso(LineBuilder out, long epochSeconds) {
        long days = Math.floorDiv(epochSeconds, 86400);
        int secondOfDay = (int) Math.floorMod(epochSeconds, 86400);
        long date = civil(days);
        out.append(date >> 9).append('-');
        two(out, (int) (date >> 5 & 0xf)).append('-');
        two(out, (int) (date & 0x1f)).append('T');
        clock(out, secondOfDay).append('Z');
    }

    /** Wireshark's absolute time in UTC, or {@code NULL} for an all-zero timestamp. */
    static void appendWireshark(LineBuilder out, long seconds, long fraction) {
        if (seconds == 0 && fraction == 0) {
            out.append("NULL");
            return;
        }
        long epochSeconds = (seconds & 0x80000000L) != 0 ? seconds - EPOCH_1900 : seconds + ERA_1;
        long date = civil(Math.floorDiv(epochSeconds, 86400));
        int day = (int) (date & 0x1f);
        out.append(MONTHS[(int) (date >> 5 & 0xf) - 1]).append(day < 10 ? "  " : " ").append(day).append(", ")
                .append(date >> 9).append(' ');
        clock(out, (int) Math.floorMod(epochSeconds, 86400)).append('.').appendPadded(nanos(fraction), 9)
                .append(" UTC");
    }

    private static LineBuilder clock(LineBuilder out, int secondOfDay) {
        two(out, secondOfDay / 3600).append(':');
        two(out, secondOfDay / 60 % 60).append(':');
        return two(out, secondOfDay % 60);
    }

    private static LineBuilder two(LineBuilder out, int v) {
        return out.appendPadded(v, 2);
    }

    /**
     * The civil date of a day count from 1970-01-01 (Howard Hinnant's {@code civil_from_days}),
     * packed as {@code year << 9 | month << 5 | day} so no object is made.
     */
    static long civil(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year << 9 | month << 5 | day;
    }
}
