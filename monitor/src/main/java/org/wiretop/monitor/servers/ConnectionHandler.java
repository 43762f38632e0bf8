package org.wiretop.monitor.servers;

import java.nio.ByteBuffer;

/**
 * The protocol of one TCP server for one connection. Called on the server's thread only.
 * The handler talks back through {@link TcpConnection#send} and ends with
 * {@link TcpConnection#finish}; the connection takes care of buffering, back-pressure and closing.
 */
interface ConnectionHandler {
    /** The client just connected. */
    default void onOpen(TcpConnection connection) {
    }

    /**
     * Bytes arrived. {@code data} is the server's shared read buffer, valid only during this call;
     * it never holds more than {@link ServerLimits#bufferCap()} bytes.
     */
    void onData(ByteBuffer data, TcpConnection connection);

    /** The client half-closed (sent FIN): by default, finish what is pending and close. */
    default void onInputClosed(TcpConnection connection) {
        connection.finish();
    }
}
