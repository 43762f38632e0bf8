package org.wiretop.conv;

import org.wiretop.decode.PacketSummary;

/**
 * Follows one UDP stream as tshark's "Follow UDP Stream": each datagram's captured payload is a
 * chunk, in capture order; empty datagrams are left out; the client is the source of the first
 * datagram. Nothing is held, so nothing is bounded.
 */
public final class UdpFollow {
    private final FollowSink sink;
    private Endpoint client, server;

    public UdpFollow(FollowSink sink) {
        this.sink = sink;
    }

    public Endpoint client() {
        return client;
    }

    public Endpoint server() {
        return server;
    }

    /** True for a datagram of its own (not one an ICMP error quotes). */
    public static boolean follows(PacketSummary s) {
        return s.has(PacketSummary.UDP) && s.payloadOffset >= 0;
    }

    /** One datagram of the followed stream ({@link #follows} true). */
    public void datagram(PacketSummary s, byte[] packet) {
        if (client == null) {
            client = Endpoint.of(s, true);
            server = Endpoint.of(s, false);
        }
        int length = Math.max(0, Math.min(s.payloadLength, packet.length - s.payloadOffset));
        if (length > 0) {
            sink.chunk(!client.isSourceOf(s), packet, s.payloadOffset, length, false);
        }
    }
}
