package org.wiretop.monitor.flow;

import java.util.Optional;
import org.wiretop.monitor.socket.SocketEntry;
import org.wiretop.monitor.socket.SocketOwner;

/**
 * The local socket found for a flow, and which end of the flow it is.
 *
 * @param localEnd   the flow endpoint that is the socket's local address and port
 * @param clientSide whether that end is the flow's client
 * @param socket     the kernel's socket (exact 4-tuple, or the listener on the local port)
 */
public record FlowOwnership(FlowEndpoint localEnd, boolean clientSide, SocketEntry socket) {

    /** The owning process, when the socket table knows it. */
    public Optional<SocketOwner> process() {
        return socket.process();
    }
}
