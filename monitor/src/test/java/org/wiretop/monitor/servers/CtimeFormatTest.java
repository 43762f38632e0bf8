package org.wiretop.monitor.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CtimeFormatTest {
    @Test
    void padsASingleDigitDayWithASpaceAsCtimeDoes() {
        assertEquals("Thu Nov  5 04:51:06 2026\n", CtimeFormat.format(ZonedDateTime.of(2026, 11, 5, 4, 51, 6, 0, ZoneOffset.UTC)));
    }

    @Test
    void twoDigitDayAndMidnight() {
        assertEquals("Wed Nov 25 00:00:09 2026\n", CtimeFormat.format(ZonedDateTime.of(2026, 11, 25, 0, 0, 9, 0, ZoneOffset.UTC)));
    }
}
