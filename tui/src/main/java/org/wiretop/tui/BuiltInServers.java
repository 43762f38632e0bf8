package org.wiretop.tui;

import org.wiretop.monitor.servers.ClientException;
import org.wiretop.monitor.servers.RunningServer;
import org.wiretop.monitor.servers.ServerEvent;
import org.wiretop.monitor.servers.ServerKind;
import org.wiretop.monitor.servers.ServerManager;
import org.wiretop.monitor.servers.ServerStartException;
import org.wiretop.monitor.servers.ServerStatus;
import org.wiretop.monitor.servers.TcpClient;
import org.wiretop.monitor.servers.UdpClient;
import org.wiretop.tui.model.ServerRow;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in servers (design §6) for the Servers view: one row per kind, start/stop on
 * 127.0.0.1 at the default port, a bounded connection log fed by server events, and the quick
 * client that sends one line and returns the reply.
 */
public final class BuiltInServers implements Feeds.Servers, AutoCloseable {
    private static final int LOG_LINES = 200;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ServerManager manager = new ServerManager();
    private final ArrayDeque<String> log = new ArrayDeque<>();
    private final DecodeChoices choices;

    public BuiltInServers() {
        this(DecodeChoices.none());
    }

    /** @param choices told the port of every server that starts listening, so its traffic is dissected */
    public BuiltInServers(DecodeChoices choices) {
        this.choices = choices;
        manager.addListener(this::onEvent);
    }

    /**
     * What a server's traffic is dissected as: the line servers (echo, hello, time, upper) speak
     * lines of text; http is HTTP by its port already (8080), so it needs no choice.
     */
    static String protocolOf(ServerKind kind) {
        return kind == ServerKind.HTTP ? null : "text";
    }

    private void onEvent(ServerEvent e) {
        String when = LocalTime.ofInstant(e.time(), java.time.ZoneId.systemDefault()).format(TIME);
        String text;
        if (e instanceof ServerEvent.Listening l) {
            text = "listening on " + hostPort(l.local());
            ServerKind.byName(e.server()).map(BuiltInServers::protocolOf)
                    .ifPresent(protocol -> choices.serverListening(l.local().getPort(), protocol));
        } else if (e instanceof ServerEvent.Accepted a) {
            text = "#" + a.connection() + " connected from " + hostPort(a.remote());
        } else if (e instanceof ServerEvent.Refused r) {
            text = "refused " + hostPort(r.remote()) + ": " + r.reason();
        } else if (e instanceof ServerEvent.Closed c) {
            text = "#" + c.connection() + " closed " + hostPort(c.remote()) + ", " + c.bytesIn() + " bytes in, "
                    + c.bytesOut() + " out" + (c.reason() == null || c.reason().isEmpty() ? "" : " (" + c.reason() + ")");
        } else if (e instanceof ServerEvent.Datagram d) {
            text = "datagram from " + hostPort(d.remote()) + ", " + d.bytesIn() + " bytes in, " + d.bytesOut() + " out";
        } else if (e instanceof ServerEvent.Problem p) {
            text = "problem: " + p.message();
        } else {
            text = "stopped";
        }
        synchronized (log) {
            log.addLast(when + " " + e.server() + ": " + text);
            while (log.size() > LOG_LINES) {
                log.removeFirst();
            }
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public List<ServerRow> servers() {
        List<ServerRow> out = new ArrayList<>();
        List<ServerStatus> running = manager.list();
        for (ServerKind k : ServerKind.values()) {
            Optional<ServerStatus> s = running.stream().filter(r -> r.kind() == k).findFirst();
            String endpoint = s.map(r -> hostPort(r.local())).orElse(ServerManager.DEFAULT_BIND + ":" + k.defaultPort());
            out.add(new ServerRow(k.id(), k.transport().name().toLowerCase(), endpoint, s.isPresent(),
                    s.map(ServerStatus::accepted).orElse(0L)));
        }
        return out;
    }

    /** Ports the running servers listen on (to mark their sockets). */
    public Set<Integer> ports() {
        Set<Integer> ports = new HashSet<>();
        for (ServerStatus s : manager.list()) {
            ports.add(s.local().getPort());
        }
        return ports;
    }

    @Override
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public String toggle(int index) {
        ServerKind k = kind(index);
        if (k == null) {
            return "no server at that row";
        }
        if (manager.get(k.id()).isPresent()) {
            manager.stop(k.id());
            return k.id() + " stopped";
        }
        try {
            RunningServer s = manager.start(k.id(), ServerManager.DEFAULT_BIND, k.defaultPort());
            return k.id() + " listening on " + hostPort(s.local());
        } catch (ServerStartException | IllegalArgumentException e) {
            return k.id() + " not started: " + e.getMessage();
        }
    }

    @Override
    public String send(int index, String line) {
        ServerKind k = kind(index);
        if (k == null) {
            return "no server at that row";
        }
        InetSocketAddress to = manager.get(k.id()).map(RunningServer::local)
                .orElse(new InetSocketAddress(ServerManager.DEFAULT_BIND, k.defaultPort()));
        byte[] message = (line + (k == ServerKind.HTTP && line.isEmpty() ? "GET / HTTP/1.0\r\n\r\n" : "\n"))
                .getBytes(StandardCharsets.UTF_8);
        try {
            if (k.transport() == ServerKind.Transport.UDP) {
                return UdpClient.request(to, message, CLIENT_TIMEOUT)
                        .map(b -> oneLine(new String(b, StandardCharsets.UTF_8)))
                        .orElse("(no reply within " + CLIENT_TIMEOUT.toSeconds() + " s)");
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            TcpClient.exchange(to, message, CLIENT_TIMEOUT, reply);
            return oneLine(reply.toString(StandardCharsets.UTF_8));
        } catch (ClientException e) {
            return e.getMessage();
        }
    }

    /** A reply on one screen line: line breaks shown as " | ", cut at 200 characters. */
    static String oneLine(String s) {
        String t = s.strip().replace("\r\n", " | ").replace("\n", " | ");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static ServerKind kind(int index) {
        ServerKind[] all = ServerKind.values();
        return index >= 0 && index < all.length ? all[index] : null;
    }

    @Override
    public void close() {
        manager.close();
    }
}
