package org.wiretop.tui.model;

/**
 * One row of the Sockets table, as netstat -tunap shows it.
 *
 * @param proto   "tcp", "tcp6", "udp", "udp6"
 * @param state   netstat's state name
 * @param recvQ   receive queue
 * @param sendQ   send queue
 * @param local   local "addr:port"
 * @param remote  remote "addr:port" ("*:*" when unconnected)
 * @param process "pid/program", or "-" when unknown
 * @param builtIn true when this is a listening socket of one of our built-in servers
 */
public record SocketRow(String proto, String state, long recvQ, long sendQ, String local, String remote,
                        String process, boolean builtIn) {
}
