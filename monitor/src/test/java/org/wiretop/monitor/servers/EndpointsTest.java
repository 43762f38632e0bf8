package org.wiretop.monitor.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    @Test
    void printsPeersAsTheNotesDo() {
        assertEquals("('127.0.0.1', 42528)", Endpoints.tuple(new InetSocketAddress(Loopbacks.address("127.0.0.1"), 42528)));
        assertEquals("('::1', 80)", Endpoints.tuple(new InetSocketAddress(Loopbacks.address("::1"), 80)));
    }

    @Test
    void bracketsIpv6InHostPort() {
        assertEquals("[::1]:12345", Endpoints.hostPort(new InetSocketAddress(Loopbacks.address("::1"), 12345)));
        assertEquals("127.0.0.1:9000", Endpoints.hostPort(new InetSocketAddress(Loopbacks.address("127.0.0.1"), 9000)));
    }
}
