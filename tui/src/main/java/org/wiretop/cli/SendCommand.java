package org.wiretop.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.wiretop.monitor.servers.ClientException;
import org.wiretop.monitor.servers.Endpoints;
import org.wiretop.monitor.servers.TcpClient;
import org.wiretop.monitor.servers.UdpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wiretop send tcp|udp HOST PORT MESSAGE}: the notes' clients. TCP: connect, send all,
 * half-close, print what comes back until the server closes. UDP: sendto, recvfrom, print.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send one message and print the reply.",
                "tcp: connect, send, half-close, read until the server closes (or --timeout).",
                "udp: send one datagram, wait --timeout for one reply."})
public final class SendCommand implements Callable<Integer> {
    /** The transports the client speaks. */
    enum Proto { tcp, udp }

    @Parameters(index = "0", paramLabel = "PROTO", description = "tcp or udp")
    Proto proto;

    @Parameters(index = "1", paramLabel = "HOST", description = "e.g. 127.0.0.1 or ::1")
    String host;

    @Parameters(index = "2", paramLabel = "PORT")
    int port;

    @Parameters(index = "3", paramLabel = "MESSAGE", description = "sent as UTF-8, as is (no newline added)")
    String message;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "How long to wait for the connection and the reply (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() {
        InetSocketAddress to = Hosts.resolve(host, port);
        Duration timeout = Hosts.seconds(timeoutSeconds, "--timeout");
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        PrintStream out = System.out;
        try {
            return proto == Proto.tcp ? tcp(to, bytes, timeout, out) : udp(to, bytes, timeout, out);
        } catch (ClientException e) {
            throw UserError.runtime(e.getMessage());
        } finally {
            out.flush();
        }
    }

    private static int tcp(InetSocketAddress to, byte[] bytes, Duration timeout, PrintStream out) throws ClientException {
        ByteTail tail = new ByteTail(out);
        TcpClient.Reply reply = TcpClient.exchange(to, bytes, timeout, tail);
        tail.endLineOnTerminal();
        if (!reply.closedByServer() && reply.bytesReceived() == 0) {
            throw UserError.runtime("no reply from " + Endpoints.hostPort(to) + " within " + seconds(timeout));
        }
        if (!reply.closedByServer()) {
            System.err.println("wiretop: " + Endpoints.hostPort(to) + " did not close within " + seconds(timeout)
                    + "; above is what arrived");
        }
        return 0;
    }

    private static int udp(InetSocketAddress to, byte[] bytes, Duration timeout, PrintStream out) throws ClientException {
        if (bytes.length > UdpClient.MAX_PAYLOAD) {
            throw UserError.usage("a UDP message holds at most " + UdpClient.MAX_PAYLOAD + " bytes, this one has " + bytes.length);
        }
        Optional<byte[]> reply = UdpClient.request(to, bytes, timeout);
        if (reply.isEmpty()) {
            throw UserError.runtime("no reply from " + Endpoints.hostPort(to) + " within " + seconds(timeout)
                    + " (UDP gives no error when nothing listens on another host; is 'wiretop serve upper' running?)");
        }
        ByteTail tail = new ByteTail(out);
        tail.write(reply.get(), 0, reply.get().length);
        tail.endLineOnTerminal();
        return 0;
    }

    private static String seconds(Duration d) {
        return (d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0)) + " s";
    }
}
