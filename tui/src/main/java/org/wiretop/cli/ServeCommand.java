package org.wiretop.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.wiretop.monitor.servers.Endpoints;
import org.wiretop.monitor.servers.RunningServer;
import org.wiretop.monitor.servers.ServerKind;
import org.wiretop.monitor.servers.ServerLimits;
import org.wiretop.monitor.servers.ServerManager;
import org.wiretop.monitor.servers.ServerStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wiretop serve NAME...}: runs built-in test servers in the foreground, one log line per
 * connection, until Ctrl-C or SIGTERM, then closes every socket.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run built-in test servers until Ctrl-C: echo (tcp 12345), hello (tcp 9000),",
                "time (tcp 8888), upper (udp 11111), http (tcp 8080)."})
public final class ServeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "echo, hello, time, upper or http")
    List<String> names;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (only with one NAME; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ServerManager.DEFAULT_BIND,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; ::1 for IPv6, 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1024",
            description = "Clients served at once per server; more are accepted and closed (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Close a client silent this long (default: ${DEFAULT-VALUE}).")
    double idleSeconds;

    @Option(names = {"-q", "--quiet"}, description = "Do not log each connection (for load tests).")
    boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        List<ServerKind> kinds = kinds();
        ServerManager manager = new ServerManager(limits());
        PrintStream out = System.out;
        ServeLog log = new ServeLog(out, quiet);
        manager.addListener(log);
        try {
            for (ServerKind kind : kinds) {
                RunningServer s = manager.start(kind, ServerManager.parseBind(bind), port != null ? port : kind.defaultPort());
                out.println(kind.id() + " listening on " + Endpoints.hostPort(s.local())
                        + " (" + kind.transport().name().toLowerCase() + ")");
            }
        } catch (ServerStartException e) {
            manager.close();
            log.drain(Duration.ofSeconds(1));
            throw UserError.runtime(e.getMessage());
        } catch (IllegalArgumentException e) {
            manager.close();
            log.drain(Duration.ofSeconds(1));
            throw UserError.usage(e.getMessage());
        }
        out.println("Ctrl-C stops " + (kinds.size() == 1 ? "it" : "them") + ".");
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C and SIGTERM run the hooks; close every socket before the JVM goes.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            manager.close();
            log.drain(Duration.ofSeconds(2));
            stopped.countDown();
        }, "wiretop-serve-stop"));
        stopped.await();
        return 0;
    }

    private List<ServerKind> kinds() {
        Set<ServerKind> kinds = new LinkedHashSet<>();
        for (String name : names) {
            kinds.add(ServerKind.byName(name).orElseThrow(() -> UserError.usage(
                    "unknown server '" + name + "' (choose from " + ServerKind.names() + ")")));
        }
        if (port != null && kinds.size() > 1) {
            throw UserError.usage("--port applies to one server; start the others in their own 'wiretop serve'"
                    + " or let them use their default ports");
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw UserError.usage("port " + port + " is out of range (0-65535)");
        }
        return List.copyOf(kinds);
    }

    private ServerLimits limits() {
        if (maxConnections < 1) {
            throw UserError.usage("--max-connections must be at least 1");
        }
        if (!(idleSeconds > 0)) {
            throw UserError.usage("--idle-timeout must be positive");
        }
        return ServerLimits.defaults().withMaxConnections(maxConnections)
                .withIdleTimeout(Duration.ofMillis((long) Math.ceil(idleSeconds * 1000)));
    }
}
