package org.wiretop.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.wiretop.monitor.servers.ClientException;
import org.wiretop.monitor.servers.Endpoints;
import org.wiretop.monitor.servers.TerminalBridge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wiretop connect HOST PORT}: telnet-like. Standard input goes to the socket, the socket
 * to standard output; ends when the server closes, or after the input ends and the server has
 * had {@code --timeout} to answer.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Connect to a TCP server: standard input to it, its replies to standard output.",
                "Ends when the server closes, or --timeout after the input ends (Ctrl-D)."})
public final class ConnectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST")
    String host;

    @Parameters(index = "1", paramLabel = "PORT")
    int port;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "For connecting, and for the last replies after the input ends (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() {
        InetSocketAddress to = Hosts.resolve(host, port);
        Duration timeout = Hosts.seconds(timeoutSeconds, "--timeout");
        if (System.console() != null) {
            System.err.println("wiretop: connecting to " + Endpoints.hostPort(to) + " (Ctrl-D ends the input, Ctrl-C quits)");
        }
        try {
            TerminalBridge.run(to, System.in, System.out, timeout, timeout);
            return 0;
        } catch (ClientException e) {
            throw UserError.runtime(e.getMessage());
        } finally {
            System.out.flush();
        }
    }
}
