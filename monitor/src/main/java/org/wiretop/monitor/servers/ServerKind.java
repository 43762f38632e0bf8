package org.wiretop.monitor.servers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in test servers of design §6: their names, transports and default ports.
 * Each TCP kind makes a fresh {@link ConnectionHandler} per connection.
 */
public enum ServerKind {
    ECHO(Transport.TCP, 12345, "sends back every byte until the client closes"),
    HELLO(Transport.TCP, 9000, "sends 'Hello <client-ip>' and closes"),
    TIME(Transport.TCP, 8888, "sends the current time as ctime text and closes"),
    UPPER(Transport.UDP, 11111, "replies to each datagram with its upper-case"),
    HTTP(Transport.TCP, 8080, "answers GET /path HTTP/1.0 with 200 OK, 400 for garbage");

    /** The transport a server speaks. */
    public enum Transport { TCP, UDP }

    private final Transport transport;
    private final int defaultPort;
    private final String description;

    ServerKind(Transport transport, int defaultPort, String description) {
        this.transport = transport;
        this.defaultPort = defaultPort;
        this.description = description;
    }

    public Transport transport() {
        return transport;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String description() {
        return description;
    }

    /** The lower-case name used on the command line and in events. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The server of that name (case-insensitive), if there is one. */
    public static Optional<ServerKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.id().equalsIgnoreCase(name.trim())).findFirst();
    }

    /** The server whose default port this is, if any: used to suggest which one to start. */
    public static Optional<ServerKind> byDefaultPort(int port, Transport transport) {
        return Arrays.stream(values()).filter(k -> k.defaultPort == port && k.transport == transport).findFirst();
    }

    /** "echo, hello, time, upper, http" for messages. */
    public static String names() {
        return Arrays.stream(values()).map(ServerKind::id).collect(Collectors.joining(", "));
    }

    ConnectionHandler newHandler(ServerLimits limits) {
        return switch (this) {
            case ECHO -> new EchoHandler();
            case HELLO -> GreetingHandler.hello();
            case TIME -> GreetingHandler.time();
            case HTTP -> new HttpHandler(limits.maxHttpRequest());
            case UPPER -> throw new IllegalStateException("upper is a UDP server");
        };
    }
}
