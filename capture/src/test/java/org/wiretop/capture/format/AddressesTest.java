package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressesTest {
    /** Expected text is what glibc's inet_ntop (and so tcpdump and tshark) prints. */
    @ParameterizedTest
    @CsvSource({
            "20010db8000000000000000000000001, 2001:db8::1",
            "00000000000000000000000000000001, ::1",
            "00000000000000000000000000000000, ::",
            "fe800000000000000001000000000001, fe80::1:0:0:1",
            "20010db8000000010001000100010001, 2001:db8:0:1:1:1:1:1",
            "20010000000000010000000000000001, 2001:0:0:1::1",
            "00010000000000000000000000000000, 1::",
            "00000000000000000000ffff01020304, ::ffff:1.2.3.4",
            "00000000000000000000000001020304, ::1.2.3.4",
            "00010000000000020000000000000003, 1:0:0:2::3",
            "ff0200000000000000000001ff000001, ff02::1:ff00:1",
            "00000000000000000000ffff00000000, ::ffff:0.0.0.0",
            "00000000000100000000000000000000, 0:0:1::",
            "abcdef0000000000000000000000abcd, abcd:ef00::abcd",
    })
    void ipv6LikeInetNtop(String hex, String text) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertEquals(text, Addresses.appendIpv6(new LineBuilder(), b, 0).toString());
    }

    @Test
    void ipv4AndMac() {
        assertEquals("192.0.2.255", Addresses.ipv4(0xc00002ff));
        assertEquals("0.0.0.0", Addresses.ipv4(0));
        assertEquals("255.255.255.255", Addresses.ipv4(-1));
        assertEquals("00:1b:21:0a:ff:fe", Addresses.mac(0x001b210afffeL));
        assertEquals("ff:ff:ff:ff:ff:ff", Addresses.mac(0xffffffffffffL));
    }
}
