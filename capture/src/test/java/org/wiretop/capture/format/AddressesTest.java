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

    /** Random addresses, half their groups zero, against a plain reading of inet_ntop's rules. */
    @Test
    void ipv6ZeroRunsLikeAPlainImplementation() {
        java.util.Random random = new java.util.Random(5952);
        for (int n = 0; n < 50_000; n++) {
            int[] g = new int[8];
            long hi = 0, lo = 0;
            for (int i = 0; i < 8; i++) {
                g[i] = random.nextBoolean() ? 0 : random.nextInt(3) == 0 ? 0xffff : random.nextInt(0x10000);
                if (i < 4) {
                    hi = hi << 16 | g[i];
                } else {
                    lo = lo << 16 | g[i];
                }
            }
            assertEquals(plainNtop(g), Addresses.ipv6(hi, lo));
        }
    }

    private static String plainNtop(int[] g) {
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append(i + bestLen == 8 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            if (i > 0) {
                b.append(':');
            }
            if (i == 6 && bestStart == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xffff))) {
                b.append(g[6] >> 8).append('.').append(g[6] & 0xff).append('.').append(g[7] >> 8).append('.').append(g[7] & 0xff);
                break;
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
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
