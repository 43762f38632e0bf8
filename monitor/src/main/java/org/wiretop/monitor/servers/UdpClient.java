package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The notes' UDP client: sendto, then recvfrom with a timeout. The socket is connected so the
 * kernel drops datagrams from anyone else and reports "port unreachable" as an error.
 */
public final class UdpClient {
    /** The largest UDP payload over IPv4 (65,535 - 20 - 8). */
    public static final int MAX_PAYLOAD = 65507;

    private UdpClient() {
    }

    /**
     * Sends one datagram and waits for one reply.
     *
     * @return the reply, or empty when none came within {@code timeout}
     * @throws ClientException when nothing listens there (ICMP port unreachable) or the send fails
     */
    public static Optional<byte[]> request(InetSocketAddress to, byte[] message, Duration timeout) throws ClientException {
        if (message.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a UDP message holds at most " + MAX_PAYLOAD + " bytes, not " + message.length);
        }
        try (DatagramChannel channel = Endpoints.datagramChannel(to); Selector selector = Selector.open()) {
            channel.connect(to);
            channel.write(ByteBuffer.wrap(message));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer reply = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                selector.select(Math.max(1, (left + 999_999) / 1_000_000));
                selector.selectedKeys().clear();
                if (channel.read(reply) > 0) {
                    return Optional.of(Arrays.copyOf(reply.array(), reply.position()));
                }
            }
        } catch (PortUnreachableException e) {
            throw ClientException.unreachableUdp(to, e);
        } catch (IOException e) {
            throw new ClientException("cannot send to " + Endpoints.hostPort(to) + ": " + e.getMessage(), e);
        }
    }
}
