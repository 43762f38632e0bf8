package org.wiretop.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowAttribution;
import org.wiretop.monitor.flow.FlowOwner;
import org.wiretop.monitor.flow.LocalAddresses;

/**
 * The capture thread's share of process attribution in a flood of short connections (issue 13,
 * part 3 of bench/attribution.sh, without the capture, the decoder and the output): one op = one
 * packet through {@link FlowAttribution#observe}, as the CLI's JSON output calls it (owners not
 * shared with other threads where the build can say so). Each connection, from 127.0.0.1 to a
 * real listener on 127.0.0.1, is SYN, SYN-ACK, ACK, 2 bytes each way with their ACKs, and a
 * reset; two are in flight at a time, a new one every 100 µs of packet time (10,000 a second);
 * the lookup thread runs (it soon spends its budget, as in the flood).
 *
 * <pre>java -jar bench/target/benchmarks.jar AttributionFloodBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class AttributionFloodBench {
    private static final int LO = 0x7F000001;
    private static final int SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    /** Per connection: sender (true = client) and flags, as connload and echod exchange them. */
    private static final boolean[] FROM_CLIENT = {true, false, true, true, false, false, true, true};
    private static final int[] FLAGS = {SYN, SYN | ACK, ACK, PSH | ACK, ACK, PSH | ACK, ACK, RST};

    private final PacketSummary s = new PacketSummary();
    private FlowAttribution attribution;
    private ServerSocket server;
    private int serverPort;
    private long packet;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        serverPort = server.getLocalPort();
        LocalAddresses local = LocalAddresses.of(InetAddress.getByName("127.0.0.1"));
        try {
            attribution = (FlowAttribution) FlowAttribution.class.getMethod("start", LocalAddresses.class, boolean.class)
                    .invoke(null, local, false);
        } catch (NoSuchMethodException e) {
            attribution = FlowAttribution.start(local); // a build before unshared owners
        }
        attribution.awaitListeners(2000);
        Thread.sleep(1500); // the listener index refreshes every second: let it see the server
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        attribution.close();
        server.close();
    }

    @Benchmark
    public FlowOwner observe() {
        long n = packet++;
        long pair = n / 16; // two connections interleaved: packets 0..15 of a pair
        int k = (int) (n % 16);
        long conn = pair * 2 + (k & 1);
        int step = k >> 1;
        int clientPort = 32768 + (int) (conn % 28000);
        boolean fromClient = FROM_CLIENT[step];
        PacketSummary p = s;
        p.clear();
        p.epochNanos = conn * 100_000L + step * 10_000L;
        p.layers = PacketSummary.ETH | PacketSummary.IP4 | PacketSummary.TCP;
        p.ip4Src = LO;
        p.ip4Dst = LO;
        p.ipProto = 6;
        p.transportProtocol = 6;
        p.srcPort = fromClient ? clientPort : serverPort;
        p.dstPort = fromClient ? serverPort : clientPort;
        p.tcpFlags = FLAGS[step];
        return attribution.observe(p);
    }
}
