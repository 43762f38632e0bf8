package org.wiretop.tui.model;

/**
 * One built-in server in the Servers view.
 *
 * @param name        "echo", "hello", "time", "upper", "http"
 * @param proto       "tcp" or "udp"
 * @param endpoint    "127.0.0.1:12345"
 * @param running     whether it is listening now
 * @param connections clients served so far
 */
public record ServerRow(String name, String proto, String endpoint, boolean running, long connections) {
}
