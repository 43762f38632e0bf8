package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.NetworkChannel;

/** Binds a server's channel and turns the kernel's refusals into one line that says what to do. */
final class Binding {
    private Binding() {
    }

    interface Bind {
        void bind() throws IOException;
    }

    static void bind(ServerKind kind, NetworkChannel channel, InetSocketAddress address, Bind bind)
            throws ServerStartException {
        try {
            bind.bind();
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the bind error is the one to report
            }
            throw new ServerStartException("cannot start " + kind.id() + " on " + Endpoints.hostPort(address) + ": "
                    + reason(kind, address, e), e);
        }
    }

    static String reason(ServerKind kind, InetSocketAddress address, IOException e) {
        String msg = String.valueOf(e.getMessage());
        int port = address.getPort();
        String proto = kind.transport().name().toLowerCase();
        if (e instanceof BindException && msg.contains("in use")) {
            return PortOwner.describe(port, kind.transport())
                    .map(owner -> "port " + port + "/" + proto + " is in use by " + owner
                            + " (stop it or choose another with --port)")
                    .orElse("port " + port + "/" + proto + " is already in use (choose another with --port;"
                            + " 'wiretop sockets -l' may show who holds it)");
        }
        if (e instanceof BindException && msg.contains("ermission")) {
            return "port " + port + " needs root or CAP_NET_BIND_SERVICE (choose a port above 1023 with --port)";
        }
        if (e instanceof BindException && msg.contains("assign")) {
            return "address " + Endpoints.text(address.getAddress())
                    + " is not on this machine (use --bind 127.0.0.1 or an address of a local interface)";
        }
        if (e instanceof SocketException && msg.contains("family")) {
            return "IPv6 is not available here (use --bind 127.0.0.1)";
        }
        return msg;
    }
}
