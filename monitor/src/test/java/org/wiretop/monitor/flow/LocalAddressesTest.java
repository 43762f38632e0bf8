package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LocalAddressesTest {

    static boolean contains(LocalAddresses local, String address) throws Exception {
        FlowEndpoint e = endpoint(address);
        return local.contains(e.family(), e.hi(), e.lo());
    }

    static FlowEndpoint endpoint(String address) throws Exception {
        byte[] b = InetAddress.getByName(address).getAddress();
        long hi = 0, lo = 0;
        for (int i = 0; i < b.length; i++) {
            if (b.length == 16 && i < 8) {
                hi = (hi << 8) | (b[i] & 0xff);
            } else {
                lo = (lo << 8) | (b[i] & 0xff);
            }
        }
        return new FlowEndpoint(b.length == 4 ? 4 : 6, hi, lo, 0);
    }

    @Test
    void theWholeLoopbackNetIsLocalOtherAddressesAreNot() throws Exception {
        LocalAddresses system = LocalAddresses.fromSystem();
        assertTrue(contains(system, "127.0.0.1"));
        assertTrue(contains(system, "127.1.2.3"), "all of 127.0.0.0/8 is ours on Linux");
        assertFalse(contains(system, "192.0.2.1"), "TEST-NET-1 is never configured here");
        assertFalse(contains(system, "2001:db8::1"));
    }

    @Test
    void explicitAddressesMatchExactly() throws Exception {
        LocalAddresses local = LocalAddresses.of(InetAddress.getByName("10.1.2.3"), InetAddress.getByName("2001:db8::7"));
        assertEquals(2, local.size());
        assertTrue(contains(local, "10.1.2.3"));
        assertFalse(contains(local, "10.1.2.4"));
        assertTrue(contains(local, "2001:db8::7"));
        assertFalse(contains(local, "2001:db8::8"));
        assertFalse(contains(LocalAddresses.none(), "127.0.0.1"));
    }

    @Test
    void endpointsConvertBothWays() throws Exception {
        FlowEndpoint v6 = endpoint("2001:db8::7");
        assertEquals("2001:db8::7", v6.address());
        assertEquals(InetAddress.getByName("2001:db8::7"), v6.inetAddress());
        FlowEndpoint v4 = FlowEndpoint.ipv4(0xC0000201, 443);
        assertEquals("192.0.2.1:443", v4.toString());
        assertEquals(InetAddress.getByName("192.0.2.1"), v4.inetAddress());
    }
}
