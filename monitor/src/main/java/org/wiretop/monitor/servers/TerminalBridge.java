package org.wiretop.monitor.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * telnet-like: a byte pump from standard input to a TCP socket and from the socket to standard
 * output. Ends when the server closes; when the input ends first, it half-closes and waits
 * (up to a bounded time) for the server's last words.
 */
public final class TerminalBridge {
    private TerminalBridge() {
    }

    /** Why the session ended. */
    public enum End { SERVER_CLOSED, INPUT_ENDED }

    /**
     * Connects and pumps until one side ends.
     *
     * @param drainTimeout how long to wait for the server after the input has ended
     */
    public static End run(InetSocketAddress to, InputStream input, OutputStream output, Duration connectTimeout,
                          Duration drainTimeout) throws ClientException {
        Socket socket;
        try {
            socket = Endpoints.clientSocket(to);
        } catch (IOException e) {
            throw ClientException.cannotConnect(to, e);
        }
        try {
            socket.connect(to, (int) Math.max(1, connectTimeout.toMillis()));
        } catch (IOException e) {
            closeQuietly(socket);
            throw ClientException.cannotConnect(to, e);
        }
        // Input blocks without a way to interrupt it, so its pump is a daemon thread that may
        // be left behind once the server has closed.
        Thread inputPump = new Thread(() -> pumpInput(input, socket), "wiretop-connect-stdin");
        inputPump.setDaemon(true);
        try {
            inputPump.start();
            return pumpOutput(socket, output, inputPump, drainTimeout);
        } catch (IOException e) {
            throw new ClientException("connection to " + Endpoints.hostPort(to) + " broke: "
                    + String.valueOf(e.getMessage()).toLowerCase(), e);
        } finally {
            closeQuietly(socket);
        }
    }

    private static void pumpInput(InputStream input, Socket socket) {
        byte[] buf = new byte[8192];
        try {
            OutputStream out = socket.getOutputStream();
            int n;
            while ((n = input.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            socket.shutdownOutput();
        } catch (IOException e) {
            // the socket closed under us (server gone): the output pump reports the end
        }
    }

    private static End pumpOutput(Socket socket, OutputStream output, Thread inputPump, Duration drainTimeout)
            throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        long drainDeadline = Long.MAX_VALUE;
        // Short reads let this loop notice the input has ended and start the bounded drain.
        socket.setSoTimeout(100);
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                if (!inputPump.isAlive()) {
                    if (drainDeadline == Long.MAX_VALUE) {
                        drainDeadline = System.nanoTime() + drainTimeout.toNanos();
                    } else if (System.nanoTime() - drainDeadline > 0) {
                        return End.INPUT_ENDED;
                    }
                }
                continue;
            }
            if (n < 0) {
                return End.SERVER_CLOSED;
            }
            output.write(buf, 0, n);
            output.flush();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
