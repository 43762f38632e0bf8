package org.wiretop.monitor.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The notes' TCP client: connect, send everything, half-close, read until the server closes
 * (or the timeout passes), close. What comes back is copied to a sink as it arrives.
 */
public final class TcpClient {
    private TcpClient() {
    }

    /** What one exchange gave. */
    public record Reply(long bytesReceived, boolean closedByServer) {
    }

    /**
     * Sends {@code message} to {@code to} and copies the reply to {@code sink}.
     *
     * @param timeout for connecting and for the whole wait for the reply after sending
     * @throws ClientException when it cannot connect or the connection breaks (one-line message)
     */
    public static Reply exchange(InetSocketAddress to, byte[] message, Duration timeout, OutputStream sink)
            throws ClientException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = Endpoints.clientSocket(to)) {
            try {
                socket.connect(to, millis);
            } catch (IOException e) {
                throw ClientException.cannotConnect(to, e);
            }
            try {
                socket.getOutputStream().write(message);
                socket.shutdownOutput();
                return readUntilClosed(socket, System.nanoTime() + timeout.toNanos(), sink);
            } catch (IOException e) {
                throw new ClientException("connection to " + Endpoints.hostPort(to) + " broke: "
                        + String.valueOf(e.getMessage()).toLowerCase(), e);
            }
        } catch (ClientException e) {
            throw e;
        } catch (IOException e) {
            throw new ClientException("cannot connect to " + Endpoints.hostPort(to) + ": " + e.getMessage(), e);
        }
    }

    private static Reply readUntilClosed(Socket socket, long deadline, OutputStream sink) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Reply(total, false);
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return new Reply(total, false);
            }
            if (n < 0) {
                return new Reply(total, true);
            }
            sink.write(buf, 0, n);
            sink.flush();
            total += n;
        }
    }
}
