package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.FollowModel;

/**
 * The Connections view's expert column and {@code f}: the ring's analysis counts a connection's
 * packets with a TCP problem flag (a spurious retransmission of the request: one; the clean
 * conversation: none), in either order of its ends; {@code f} on a row asks to follow it, and the
 * ring's newest packet of the connection opens the Follow view on its stream (the request and the
 * response, as from the Packets view), and Esc goes back to Connections.
 */
class ConnectionsFollowTest {
    private static ConnRow row(String local, String remote) {
        return new ConnRow("tcp", local, remote, "", "CLOSED", 6, 5, 100, 200, 0, -1, 0, -1, -1, 0);
    }

    @Test
    void problemPacketsAreCountedPerConnection() {
        RingAnalysis retransmitted = new RingAnalysis(FollowRings.retransmitted(), DecodeChoices.none());
        retransmitted.advance();
        assertEquals(1, retransmitted.experts().of("10.0.0.1:40000", "10.0.0.2:80"));
        assertEquals(1, retransmitted.experts().of("10.0.0.2:80", "10.0.0.1:40000"));
        assertEquals(0, retransmitted.experts().of("10.0.0.1:40001", "10.0.0.2:80"));
        RingAnalysis clean = new RingAnalysis(FollowRings.http(), DecodeChoices.none());
        clean.advance();
        assertEquals(0, clean.experts().of("10.0.0.1:40000", "10.0.0.2:80"));
    }

    @Test
    void fOnAConnectionFollowsItsStream() {
        UiState s = UiState.initial("lo", "", 100, 30).withView(View.CONNECTIONS);
        s = s.withConnections(s.connections().withBounds(0, 1));
        Step step = KeyReducer.reduce(s, KeyStroke.fromString("f"));
        assertInstanceOf(Command.FollowConnection.class, step.command());

        PacketRing ring = FollowRings.http();
        long seq = ConnectionPackets.newest(ring, DecodeChoices.none(), row("10.0.0.2:80", "10.0.0.1:40000"));
        assertEquals(ring.end() - 1, seq, "the conversation's last packet");
        assertEquals(-1, ConnectionPackets.newest(ring, DecodeChoices.none(), row("10.0.0.1:40001", "10.0.0.2:80")));

        UiState following = s.withView(View.PACKETS).withFollow(UiState.Follow.ofPacket(seq));
        assertTrue(following.followOpen());
        FollowScan scan = new FollowScan(ring, following.follow().seq());
        scan.advance(1000);
        FollowModel m = scan.model(false, 0, 20, 100);
        assertTrue(m.total() > 2, "the stream's lines");
        // Esc closes it, back to the Connections view it came from
        UiState closed = KeyReducer.reduce(following, KeyStroke.fromString("<Esc>")).state();
        assertTrue(!closed.followOpen());
        assertEquals(View.CONNECTIONS, closed.view());
    }
}
