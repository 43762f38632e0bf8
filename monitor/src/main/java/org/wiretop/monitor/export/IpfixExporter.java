package org.wiretop.monitor.export;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.wiretop.monitor.flow.FlowExportRecord;
import org.wiretop.monitor.flow.FlowRecordSink;

/**
 * IPFIX over UDP to one collector (nfcapd, pmacct's nfacctd, Filebeat's netflow input,
 * ElastiFlow, ...): an {@link IpfixEncoder} whose messages leave through a non-blocking datagram
 * socket, so the capture thread never waits: a message the socket cannot take at once is dropped
 * and counted (the collector sees the gap in the sequence numbers). The socket is not connected,
 * so a collector that is not listening yet (an ICMP port unreachable) costs nothing: records sent
 * after it starts decode once the next template refresh reaches it. Messages fit the path MTU of
 * the route to the collector (the outgoing interface's MTU, at most Ethernet's 1500 bytes, less
 * the IP and UDP headers).
 */
public final class IpfixExporter implements FlowRecordSink {
    /** IANA's port for IPFIX. */
    public static final int DEFAULT_PORT = 4739;
    /**
     * Messages never exceed an Ethernet frame, even on loopback or jumbo-frame links: collectors
     * size their buffers for that (pmacct's nfacctd dropped every 64 KB message sent on lo).
     */
    static final int ETHERNET_MTU = 1500;

    /**
     * @param biflow          RFC 5103 bidirectional records instead of one per direction
     * @param extensions      the nProbe elements: processes, handshake latency, retransmissions
     * @param domain          observation domain id
     * @param templateRefresh how often the templates are sent again
     */
    public record Options(boolean biflow, boolean extensions, int domain, Duration templateRefresh) {
        public static Options defaults() {
            return new Options(false, false, 1, Duration.ofSeconds(60));
        }
    }

    private final InetSocketAddress collector;
    private final DatagramChannel channel;
    private final IpfixEncoder encoder;
    private final int maxMessage;
    private long dropped, failed;
    private String firstError;

    private IpfixExporter(InetSocketAddress collector, DatagramChannel channel, int maxMessage, Options o,
                          FlowProcesses processes) {
        this.collector = collector;
        this.channel = channel;
        this.maxMessage = maxMessage;
        this.encoder = new IpfixEncoder(maxMessage, o.domain(), o.biflow(), o.extensions(), o.templateRefresh().toNanos(),
                processes, this::send);
    }

    /** Opens the socket towards {@code collector}; messages fit its path MTU, or {@code maxMessage} if smaller (0 = MTU). */
    public static IpfixExporter open(InetSocketAddress collector, Options o, FlowProcesses processes, int maxMessage)
            throws IOException {
        boolean v6 = collector.getAddress() instanceof Inet6Address;
        DatagramChannel ch = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            int room = pathRoom(ch, collector, v6);
            ch.configureBlocking(false);
            int size = Math.max(IpfixEncoder.MIN_MESSAGE, maxMessage > 0 ? Math.min(maxMessage, room) : room);
            return new IpfixExporter(collector, ch, size, o, processes);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * The collector as {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code HOST} (port 4739). Resolves
     * a name once, now. Throws IllegalArgumentException with the reason for a bad one.
     */
    public static InetSocketAddress parseCollector(String text) {
        String host = text.strip();
        int port = DEFAULT_PORT;
        int colon = host.lastIndexOf(':');
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || (close + 1 < host.length() && host.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("bad collector '" + text + "': write an IPv6 address as [ADDR]:PORT");
            }
            if (close + 1 < host.length()) {
                port = port(text, host.substring(close + 2));
            }
            host = host.substring(1, close);
        } else if (colon >= 0 && host.indexOf(':') == colon) {
            port = port(text, host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("bad collector '" + text + "': give HOST:PORT, e.g. 127.0.0.1:4739");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve collector host '" + host + "'");
        }
    }

    private static int port(String text, String digits) {
        try {
            int p = Integer.parseInt(digits);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("bad collector '" + text + "': the port must be 1..65535");
    }

    /** The UDP payload that fits the route's MTU (connecting only picks the route; no packet leaves). */
    private static int pathRoom(DatagramChannel ch, InetSocketAddress collector, boolean v6) throws IOException {
        int mtu = 1500;
        try {
            ch.connect(collector);
            InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
            NetworkInterface nif = NetworkInterface.getByInetAddress(local.getAddress());
            if (nif != null && nif.getMTU() > 0) {
                mtu = nif.getMTU();
            }
        } finally {
            if (ch.isConnected()) {
                ch.disconnect();
            }
        }
        return Math.min(mtu, ETHERNET_MTU) - (v6 ? 40 : 20) - 8;
    }

    private void send(ByteBuffer message) {
        try {
            if (channel.send(message, collector) == 0) {
                dropped++; // the socket buffer is full: never wait for it
            }
        } catch (IOException e) {
            failed++;
            if (firstError == null) {
                firstError = e.getMessage();
            }
        }
    }

    @Override
    public void accept(FlowExportRecord record) {
        encoder.accept(record);
    }

    @Override
    public void endOfBatch() {
        encoder.endOfBatch();
    }

    @Override
    public void close() {
        encoder.close();
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to send
        }
    }

    /** The largest message this exporter sends. */
    public int maxMessageBytes() {
        return maxMessage;
    }

    /** Data records sent (a biflow counts once, a conversation per direction twice). */
    public long dataRecords() {
        return encoder.dataRecords();
    }

    /** One line for the end of the run, as tcpdump's statistics. */
    public String summary() {
        String to = collector.getAddress().getHostAddress() + ":" + collector.getPort();
        StringBuilder b = new StringBuilder().append(encoder.dataRecords()).append(" IPFIX records in ")
                .append(encoder.messages()).append(" messages to ").append(to);
        if (dropped + failed > 0) {
            b.append(" (").append(dropped + failed).append(" messages not sent");
            if (firstError != null) {
                b.append(": ").append(firstError);
            }
            b.append(')');
        }
        return b.toString();
    }
}
