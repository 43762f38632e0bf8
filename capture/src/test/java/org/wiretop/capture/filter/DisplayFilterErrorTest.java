package org.wiretop.capture.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiretop.capture.CaptureException;

class DisplayFilterErrorTest {
    private static DisplayFilterException fail(String filter) {
        return assertThrows(DisplayFilterException.class, () -> DisplayFilter.compile(filter), filter);
    }

    private static void fails(String filter, String message, int column) {
        DisplayFilterException e = fail(filter);
        assertEquals(message + " at column " + column, e.getMessage(), filter);
        assertEquals(column, e.column());
        assertEquals(message, e.problem());
    }

    @Test
    void unknownFieldIsNamedWithASuggestion() {
        fails("tcp.prot == 80", "\"tcp.prot\" is not a valid protocol or protocol field (did you mean \"tcp.port\"?)", 1);
        fails("udp && ipx", "\"ipx\" is not a valid protocol or protocol field (did you mean \"ip\"?)", 8);
        fails("frobnicate", "\"frobnicate\" is not a valid protocol or protocol field", 1);
        DisplayFilterException e = fail("tcp && tcp.prot == 1");
        assertEquals(8, e.column());
        assertEquals(8, e.length());
    }

    @Test
    void missingValuesAndOperands() {
        fails("tcp.port ==", "expected a value after '=='", 12);
        fails("ip.addr == && tcp", "expected a value after '=='", 12);
        fails("tcp &&", "expected a field or protocol after '&&'", 7);
        fails("tcp or", "expected a field or protocol after \"or\"", 7);
        fails("!", "expected a field or protocol after '!'", 2);
        fails("()", "expected a field or protocol after '('", 2);
        fails("&& tcp", "expected a field or protocol, not '&&'", 1);
    }

    @Test
    void structureErrors() {
        fails("(tcp", "missing ')' for the '(' here", 1);
        fails("tcp)", "unexpected ')' without a matching '('", 4);
        fails("tcp udp", "expected '&&' or '||' before \"udp\"", 5);
        fails("tcp.port == 80 443", "expected '&&' or '||' before \"443\"", 16);
        fails("tcp.port = 80", "unexpected character '=' (use '==' to compare)", 10);
        fails("tcp.port == 80 % 2", "unexpected character '%'", 16);
        fails("wiretop.status == \"trunc", "the string has no closing '\"'", 19);
        fails("tcp.port in {80", "missing '}' for the '{' here", 13);
    }

    @Test
    void badValues() {
        fails("tcp.port == 70000", "\"70000\" is too big for tcp.port (maximum 65535)", 13);
        fails("tcp.port == web", "\"web\" is not a valid number for tcp.port", 13);
        // a protocol's name where a number belongs says so (http is in the dissector table)
        fails("tcp.port == http", "cannot compare tcp.port (an unsigned integer) with http (a protocol)", 13);
        fails("tcp.flags.syn == 2", "\"2\" is too big for tcp.flags.syn (maximum 1)", 18);
        fails("ip.addr == 10.0.0.256", "\"10.0.0.256\" is not a valid IPv4 address", 12);
        fails("ip.addr == 10.0.0.0/33", "the prefix length in \"10.0.0.0/33\" must be 0 to 32", 12);
        fails("ip.addr > 10.0.0.0/8", "a subnet can only be compared with == or !=", 9);
        fails("ipv6.addr == fe80:::1", "\"fe80:::1\" is not a valid IPv6 address", 14);
        fails("eth.src == 00:11:22:33:44", "\"00:11:22:33:44\" is not a valid Ethernet address (write 00:11:22:33:44:55)", 12);
        fails("tcp == 1", "\"tcp\" is a protocol: test it alone (\"tcp\"), or compare one of its fields", 5);
        fails("ip.src == tcp.port", "cannot compare ip.src (an IPv4 address) with tcp.port (an unsigned integer)", 11);
        fails("ip.addr & 1", "'&' needs an integer field; ip.addr is an IPv4 address", 9);
    }

    @Test
    void badTextAndApplicationTests() {
        fails("dns.qry.name matches \"(\"", "\"(\" is not a valid regular expression: Unclosed group", 22);
        fails("dns.qry.name matches \"^x\\d\"", "\\d is not a valid character escape sequence (write \\\\d for a backslash)", 25);
        fails("dns.id contains 1", "'contains' needs a text field or a protocol; dns.id is an unsigned integer", 8);
        fails("vlan matches \"x\"", "'matches' needs a text field or a protocol; vlan is a protocol without bytes of its own", 6);
        fails("dns == 1", "\"dns\" is a protocol: test it alone (\"dns\"), or compare one of its fields", 5);
        fails("dns.a == 1.2.3", "\"1.2.3\" is not a valid IPv4 address", 10);
        fails("dns.id == 65536", "\"65536\" is too big for dns.id (maximum 65535)", 11);
        fails("dns.qry.nam == x", "\"dns.qry.nam\" is not a valid protocol or protocol field (did you mean \"dns.qry.name\"?)", 1);
        fails("dns.a == dns.qry.name", "cannot compare dns.a (an IPv4 address) with dns.qry.name (a string)", 10);
        fails("dns.a == ip.src", "comparing two fields works on header fields only; compare dns.a with a value", 10);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(10_000) + "tcp" + ")".repeat(10_000);
        DisplayFilterException e = fail(deep);
        assertEquals("the filter nests more than 200 levels deep", e.problem());
        assertEquals("the filter nests more than 200 levels deep", fail("!".repeat(5_000) + "tcp").problem());
    }

    @Test
    void isAUsageErrorForTheCommandLine() {
        CaptureException e = fail("tcp.prot");
        assertTrue(e.usage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
