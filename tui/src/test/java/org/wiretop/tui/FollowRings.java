package org.wiretop.tui;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.wiretop.conv.TcpFrames;
import org.wiretop.decode.Decoder;

/** A small real-looking TCP conversation for the Follow view's tests and golden screens. */
public final class FollowRings {
    static final String REQUEST = "GET /index.html HTTP/1.1\r\nHost: 10.0.0.2\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
    static final String RESPONSE = "HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11.2\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 24\r\n\r\nhello world\n\u0001\u0002binary\u00ff\r\n\u0000";

    private static final long NOON = java.time.LocalDateTime.of(2024, 5, 1, 12, 0)
            .atZone(java.time.ZoneId.systemDefault()).toEpochSecond() * 1_000_000_000L;

    private FollowRings() {
    }

    /** A client fetching a page from 10.0.0.2:80, the response in two segments, then both sides closing. */
    static TcpFrames conversation() {
        byte[] req = REQUEST.getBytes(StandardCharsets.ISO_8859_1);
        byte[] resp = RESPONSE.getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = Arrays.copyOf(resp, 60), body = Arrays.copyOfRange(resp, 60, resp.length);
        int a = TcpFrames.ACK, p = TcpFrames.PSH;
        byte[] none = new byte[0];
        return new TcpFrames().client(TcpFrames.SYN, 0, 0, none).server(TcpFrames.SYN | a, 0, 1, none)
                .client(a, 1, 1, none).client(a | p, 1, 1, req).server(a, 1, 1 + req.length, none)
                .server(a | p, 1, 1 + req.length, head).server(a | p, 1 + head.length, 1 + req.length, body)
                .client(a, 1 + req.length, 1 + resp.length, none)
                .server(a | TcpFrames.FIN, 1 + resp.length, 1 + req.length, none)
                .client(a | TcpFrames.FIN, 1 + req.length, 2 + resp.length, none)
                .server(a, 2 + resp.length, 2 + req.length, none);
    }

    /** The conversation's packets in a ring, one millisecond apart. */
    public static PacketRing http() {
        return ring(conversation());
    }

    /** The conversation with the request sent again after it was acknowledged (a spurious retransmission), in a ring. */
    public static PacketRing retransmitted() {
        return ring(conversation().client(TcpFrames.ACK | TcpFrames.PSH, 1, 1, REQUEST.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Made-up packets in a ring, one millisecond apart from 12:00 local time (screens show local times). */
    static PacketRing ring(TcpFrames made) {
        List<byte[]> frames = made.frames();
        PacketRing ring = new PacketRing(Decoder.DLT_RAW, 100, 1 << 20);
        for (int i = 0; i < frames.size(); i++) {
            ring.add(NOON + i * 1_000_000L, frames.get(i).length, frames.get(i), frames.get(i).length);
        }
        return ring;
    }
}
