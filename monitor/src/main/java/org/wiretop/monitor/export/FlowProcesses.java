package org.wiretop.monitor.export;

import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.socket.SocketOwner;

/**
 * Which process owns one end of a flow, as far as this host knows. Asked on the capture thread
 * for each exported record, so an implementation answers from memory without waiting.
 */
@FunctionalInterface
public interface FlowProcesses {
    /** Knows no process (files, streams from elsewhere). */
    FlowProcesses NONE = (protocol, local, remote) -> null;

    /** The owner of the socket at {@code local} talking to {@code remote}, or null. */
    SocketOwner owner(int protocol, FlowEndpoint local, FlowEndpoint remote);
}
