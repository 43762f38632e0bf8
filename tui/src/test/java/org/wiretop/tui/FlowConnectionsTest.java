package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;
import org.wiretop.monitor.flow.FlowAttribution;
import org.wiretop.monitor.flow.FlowOwner;
import org.wiretop.monitor.flow.FlowTable;
import org.wiretop.monitor.flow.LocalAddresses;
import org.wiretop.tui.model.ConnRow;

/**
 * The Connections view's rows for a real loopback connection between a python3 client and a
 * server in this JVM (the packets are built with the connection's own 4-tuple and fed as the
 * flow feeder does): one row per end, each named after its own process, and grouped by process
 * each process gets its own bytes each way.
 */
class FlowConnectionsTest {
    private static final int LO = 0x7F000001;

    @Test
    void aLoopbackConnectionIsARowPerEndEachWithItsProcess() throws Exception {
        File python = new File("/usr/bin/python3");
        Assumptions.assumeTrue(python.canExecute(), "needs /usr/bin/python3 as the client process");
        FlowTable table = new FlowTable(org.wiretop.monitor.flow.FlowTableConfig.defaults(), LocalAddresses.fromSystem());
        try (FlowAttribution owners = FlowAttribution.start(LocalAddresses.fromSystem());
             ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Process child = new ProcessBuilder(python.getPath(), "-c", "import socket, sys\n"
                    + "s = socket.create_connection(('127.0.0.1', " + port + "))\n"
                    + "print(s.getsockname()[1], flush=True); sys.stdin.read()").start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII)); SocketChannel accepted = server.accept()) {
                int cport = Integer.parseInt(out.readLine().strip());
                FlowOwner owner = null;
                long t = System.currentTimeMillis() * 1_000_000L;
                PacketSummary[] packets = {
                    tcp(t, cport, port, PacketSummary.SYN, 0), tcp(t + 1000, port, cport, PacketSummary.SYN | PacketSummary.ACK, 0),
                    tcp(t + 2000, cport, port, PacketSummary.ACK, 0), tcp(t + 3000, cport, port, PacketSummary.ACK | PacketSummary.PSH, 100),
                    tcp(t + 4000, port, cport, PacketSummary.ACK | PacketSummary.PSH, 1000)};
                for (PacketSummary p : packets) {
                    table.ingest(p);
                    owner = owners.observe(p);
                }
                FlowOwner o = owner;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!o.settled() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(5_000_000L);
                }
                List<ConnRow> rows = FlowConnections.toRows(table.snapshot().flows(), null, owners);
                assertEquals(2, rows.size(), rows.toString());
                ConnRow client = rows.get(0), srv = rows.get(1);
                assertEquals("127.0.0.1:" + cport, client.local());
                assertEquals(child.pid() + "/python3", client.process());
                assertEquals("127.0.0.1:" + port, srv.local());
                assertEquals(ProcessHandle.current().pid() + "/" + comm(), srv.process());
                assertEquals(client.bytesOut(), srv.bytesIn());
                List<ConnRow> byProcess = Tables.arrange(rows, UiState.ConnColumn.BYTES_OUT, true, UiState.ConnGroup.PROCESS);
                assertEquals(2, byProcess.size());
                assertEquals(srv.process(), byProcess.get(0).process(), "the server sent more");
                assertEquals("1", byProcess.get(0).local(), "one connection each");
                assertTrue(byProcess.get(0).bytesOut() > byProcess.get(1).bytesOut());
            } finally {
                child.destroy();
                child.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String comm() throws Exception {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/comm")).strip();
    }

    private static PacketSummary tcp(long t, int sport, int dport, int flags, int payload) {
        PacketSummary s = new PacketSummary();
        s.status = Status.OK;
        s.epochNanos = t;
        s.layers = PacketSummary.ETH | PacketSummary.IP4 | PacketSummary.TCP;
        s.ip4Src = LO;
        s.ip4Dst = LO;
        s.ipProto = 6;
        s.transportProtocol = 6;
        s.srcPort = sport;
        s.dstPort = dport;
        s.tcpFlags = flags;
        s.tcpSeq = 1;
        s.tcpAck = 1;
        s.tcpPayloadLength = payload;
        s.wireLength = 54 + payload;
        s.capturedLength = s.wireLength;
        return s;
    }
}
