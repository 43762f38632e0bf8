package org.wiretop.monitor.servers;

import java.nio.ByteBuffer;

/** echo: every byte straight back; after the client's FIN, flush what is pending, then close. */
final class EchoHandler implements ConnectionHandler {
    @Override
    public void onData(ByteBuffer data, TcpConnection connection) {
        connection.send(data);
    }
}
