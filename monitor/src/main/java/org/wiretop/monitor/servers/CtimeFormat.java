package org.wiretop.monitor.servers;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * C's {@code ctime(3)} text: {@code "Wed Nov  5 04:51:06 2026\n"} — English names, the day of
 * the month padded with a space to two characters, local time, a trailing newline.
 */
public final class CtimeFormat {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private CtimeFormat() {
    }

    public static String format(ZonedDateTime time) {
        return CTIME.format(time) + "\n";
    }

    public static String now() {
        return format(ZonedDateTime.now());
    }
}
