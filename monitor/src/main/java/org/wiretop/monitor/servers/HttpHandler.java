package org.wiretop.monitor.servers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * http: reads one request head (at most {@code maxRequest} bytes), answers it with an
 * HTTP/1.0 response — 200 and a small text body for {@code GET /path}, 400 for what it cannot
 * parse, 431 for a head too big — and closes. The request must arrive within the idle timeout
 * of connecting, so a slowloris cannot hold a connection forever.
 */
final class HttpHandler implements ConnectionHandler {
    private final int maxRequest;
    private byte[] request;
    private int length;
    private boolean answered;

    HttpHandler(int maxRequest) {
        this.maxRequest = maxRequest;
    }

    @Override
    public void onOpen(TcpConnection connection) {
        connection.requireDoneWithinIdleTimeout();
    }

    @Override
    public void onData(ByteBuffer data, TcpConnection connection) {
        if (answered) {
            return;
        }
        if (request == null) {
            request = new byte[maxRequest];
        }
        int room = maxRequest - length;
        int take = Math.min(room, data.remaining());
        data.get(request, length, take);
        length += take;
        HttpRequestParser.Verdict verdict = HttpRequestParser.judge(request, length);
        if (verdict.complete()) {
            answer(connection, verdict);
        } else if (length == maxRequest) {
            answer(connection, new HttpRequestParser.Verdict(431, "Request Header Fields Too Large", null, null));
        }
    }

    @Override
    public void onInputClosed(TcpConnection connection) {
        if (!answered && length > 0) {
            answer(connection, new HttpRequestParser.Verdict(400, "Bad Request: request ended early", null, null));
        }
        connection.finish();
    }

    private void answer(TcpConnection connection, HttpRequestParser.Verdict verdict) {
        answered = true;
        request = null;
        connection.send(ByteBuffer.wrap(response(verdict)));
        connection.finish();
    }

    /** The whole response: status line, Content-Type, Content-Length, Connection: close, body. */
    static byte[] response(HttpRequestParser.Verdict v) {
        String statusText = v.reason();
        String body;
        if (v.status() == 200) {
            body = "Hello from wiretop: you asked for " + v.target() + "\n";
        } else {
            int colon = statusText.indexOf(": ");
            body = v.status() + " " + statusText + "\n";
            if (colon > 0) {
                statusText = statusText.substring(0, colon);
            }
        }
        byte[] bodyBytes = body.getBytes(StandardCharsets.US_ASCII);
        boolean head = "HEAD".equals(v.method());
        String head0 = "HTTP/1.0 " + v.status() + " " + statusText + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\n"
                + (v.status() == 405 ? "Allow: GET, HEAD\r\n" : "")
                + "Connection: close\r\n"
                + "Server: wiretop\r\n"
                + "\r\n";
        byte[] headBytes = head0.getBytes(StandardCharsets.US_ASCII);
        if (head) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }
}
