package org.wiretop.capture.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LiteralsTest {
    @Test
    void numbers() {
        assertEquals(80, Literals.number("80"));
        assertEquals(255, Literals.number("0xff"));
        assertEquals(255, Literals.number("0XFF"));
        assertEquals(5, Literals.number("0b101"));
        assertEquals(8, Literals.number("010"));
        assertEquals(0, Literals.number("0"));
        assertEquals(-1, Literals.number("08"));
        assertEquals(-1, Literals.number("0x"));
        assertEquals(-1, Literals.number("-1"));
        assertEquals(-1, Literals.number("99999999999999999999"));
    }

    @Test
    void ipv4() {
        assertEquals(0x7f000001L, Literals.ipv4("127.0.0.1"));
        assertEquals(0xffffffffL, Literals.ipv4("255.255.255.255"));
        assertEquals(-1, Literals.ipv4("1.2.3"));
        assertEquals(-1, Literals.ipv4("1.2.3.4.5"));
        assertEquals(-1, Literals.ipv4("1..3.4"));
        assertEquals(-1, Literals.ipv4("1.2.3.x"));
    }

    @Test
    void ipv6() {
        assertArrayEquals(new long[] {0, 1}, Literals.ipv6("::1"));
        assertArrayEquals(new long[] {0, 0}, Literals.ipv6("::"));
        assertArrayEquals(new long[] {0xfe80L << 48, 1}, Literals.ipv6("fe80::1"));
        assertArrayEquals(new long[] {0xfe80L << 48, 0}, Literals.ipv6("fe80::"));
        assertArrayEquals(new long[] {0x0001000200030004L, 0x0005000600070008L}, Literals.ipv6("1:2:3:4:5:6:7:8"));
        assertArrayEquals(new long[] {0, 0x0000ffff0a000001L}, Literals.ipv6("::ffff:10.0.0.1"));
        assertNull(Literals.ipv6("1:2"));
        assertNull(Literals.ipv6("1::2::3"));
        assertNull(Literals.ipv6("fe80:"));
        assertNull(Literals.ipv6(":1"));
        assertNull(Literals.ipv6("12345::1"));
        assertNull(Literals.ipv6("1:2:3:4:5:6:7:8:9"));
        assertNull(Literals.ipv6("g::1"));
        assertNull(Literals.ipv6("10.0.0.1"));
    }

    @Test
    void mac() {
        assertEquals(0x001122334455L, Literals.mac("00:11:22:33:44:55"));
        assertEquals(0xaabbccddeeffL, Literals.mac("AA-BB-CC-DD-EE-FF"));
        assertEquals(0x001122334455L, Literals.mac("0011.2233.4455"));
        assertEquals(-1, Literals.mac("00:11:22:33:44"));
        assertEquals(-1, Literals.mac("00:11-22:33:44:55"));
        assertEquals(-1, Literals.mac("00:11:22:33:44:5g"));
    }

    @Test
    void byteStrings() {
        assertArrayEquals(new byte[] {0x47, 0x45, 0x54}, Literals.bytes("47:45:54"));
        assertArrayEquals(new byte[] {0x47, 0x45, 0x54}, Literals.bytes("47-45-54"));
        assertArrayEquals(new byte[] {0x47, 0x45, 0x54}, Literals.bytes("47.45.54"));
        assertArrayEquals(new byte[] {(byte) 0xff}, Literals.bytes("ff"));
        assertNull(Literals.bytes("47:45-54"));
        assertNull(Literals.bytes("4:45"));
        assertNull(Literals.bytes("GET"));
        assertNull(Literals.bytes(""));
        assertArrayEquals("GET".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Literals.bytesOrText("GET", true));
        assertArrayEquals("ff".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Literals.bytesOrText("ff", false));
    }
}
