package org.wiretop.monitor.servers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts, lists and stops the built-in servers (at most one of each kind per manager) and
 * fans their events out to listeners. Thread-safe; the terminal UI and {@code wiretop serve}
 * both drive it.
 */
public final class ServerManager implements AutoCloseable {
    /** Servers bind here unless told otherwise: nothing outside this machine can reach them. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    private final ServerLimits limits;
    private final Map<ServerKind, RunningServer> running = new ConcurrentHashMap<>();
    private final List<ServerListener> listeners = new CopyOnWriteArrayList<>();

    public ServerManager() {
        this(ServerLimits.defaults());
    }

    public ServerManager(ServerLimits limits) {
        this.limits = limits;
    }

    public void addListener(ServerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ServerListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts the named server on {@code bind:port} (port 0 picks a free one; the returned server
     * tells which).
     *
     * @throws IllegalArgumentException for an unknown name, a bad port or an address that is not one
     * @throws ServerStartException     when it cannot bind or is already running (message: one line)
     */
    public RunningServer start(String name, String bind, int port) throws ServerStartException {
        ServerKind kind = ServerKind.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown server '" + name + "' (choose from " + ServerKind.names() + ")"));
        return start(kind, parseBind(bind), port);
    }

    /** Starts a server of that kind; see {@link #start(String, String, int)}. */
    public synchronized RunningServer start(ServerKind kind, InetAddress bind, int port) throws ServerStartException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range (0-65535)");
        }
        RunningServer existing = running.get(kind);
        if (existing != null) {
            throw new ServerStartException(kind.id() + " is already running on " + Endpoints.hostPort(existing.local()));
        }
        InetSocketAddress address = new InetSocketAddress(bind, port);
        RunningServer server = kind.transport() == ServerKind.Transport.UDP
                ? UdpServer.start(address, this::publish)
                : TcpServer.start(kind, address, limits, this::publish);
        running.put(kind, server);
        return server;
    }

    /** Stops that server if it runs; true if it did. */
    public boolean stop(String name) {
        Optional<ServerKind> kind = ServerKind.byName(name);
        RunningServer server = kind.map(running::remove).orElse(null);
        if (server == null) {
            return false;
        }
        server.stop();
        return true;
    }

    public Optional<RunningServer> get(String name) {
        return ServerKind.byName(name).map(running::get);
    }

    /** A snapshot of every running server, in {@link ServerKind} order. */
    public List<ServerStatus> list() {
        List<ServerStatus> list = new ArrayList<>();
        for (ServerKind k : ServerKind.values()) {
            RunningServer s = running.get(k);
            if (s != null) {
                list.add(s.status());
            }
        }
        return list;
    }

    /** Stops every server. */
    @Override
    public void close() {
        for (ServerKind k : ServerKind.values()) {
            stop(k.id());
        }
    }

    /** An address to bind to, in text; only literal addresses and names that resolve. */
    public static InetAddress parseBind(String bind) {
        String b = bind == null || bind.isBlank() ? DEFAULT_BIND : bind.trim();
        if (b.startsWith("[") && b.endsWith("]")) {
            b = b.substring(1, b.length() - 1);
        }
        try {
            return InetAddress.getByName(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot bind to '" + bind + "': not an address of this machine"
                    + " (try 127.0.0.1 or ::1)");
        }
    }

    private void publish(ServerEvent event) {
        for (ServerListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                // a faulty listener must not take the server down with it
            }
        }
    }
}
