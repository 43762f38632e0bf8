package org.wiretop.monitor.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Lines of /proc/net/{tcp,udp}6 as a little-endian kernel prints them. */
class ProcNetProviderTest {
    @Test
    void parsesIpv4ListenerLine() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "fixtures are from a little-endian host");
        SocketEntry e = ProcNetProvider.parseLine("   0: 0100007F:3039 00000000:0000 0A 00000000:00000002 "
                + "00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0", Proto.TCP, 4);
        assertEquals("127.0.0.1 12345 0.0.0.0 0 LISTEN 2 0 1000 4242",
                e.localText() + " " + e.localPort() + " " + e.remoteText() + " " + e.remotePort() + " "
                        + e.state() + " " + e.recvQ() + " " + e.sendQ() + " " + e.uid() + " " + e.inode());
    }

    @Test
    void parsesIpv6AndMappedAddresses() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "fixtures are from a little-endian host");
        SocketEntry e = ProcNetProvider.parseLine("  3: 00000000000000000000000001000000:1F90 "
                + "0000000000000000FFFF00000100007F:D431 01 00000010:00000000 00:00000000 00000000     0        0 77",
                Proto.TCP, 6);
        assertEquals("::1 8080 ::ffff:127.0.0.1 54321 ESTABLISHED 16",
                e.localText() + " " + e.localPort() + " " + e.remoteText() + " " + e.remotePort() + " "
                        + e.state() + " " + e.sendQ());
        SocketEntry udp = ProcNetProvider.parseLine(" 9: 00000000000000000000000000000000:0035 "
                + "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 0 0",
                Proto.UDP, 6);
        assertEquals(SocketState.UNCONN, udp.state());
        assertEquals("::", udp.localText());
    }

    @Test
    void malformedLinesAreSkipped() {
        assertNull(ProcNetProvider.parseLine("garbage", Proto.TCP, 4));
        assertNull(ProcNetProvider.parseLine("0: 0100007F:ZZZZ 00000000:0000 0A 0:0 0:0 0 0 0 1", Proto.TCP, 4));
        assertNull(ProcNetProvider.parseLine("0: 0100007F:3039 00000000:0000 0A 0:0 0:0 0 0 0 1", Proto.TCP, 6));
    }
}
