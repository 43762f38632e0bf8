package org.wiretop.monitor.servers;

/**
 * Receives {@link ServerEvent}s. Called on the server's thread: return quickly, never block,
 * and hand the (immutable) event to another thread if there is real work to do.
 */
@FunctionalInterface
public interface ServerListener {
    void onEvent(ServerEvent event);
}
