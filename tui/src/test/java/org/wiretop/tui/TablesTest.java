package org.wiretop.tui;

import org.junit.jupiter.api.Test;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.SocketRow;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TablesTest {
    private static ConnRow conn(String local, String remote, String process, long bytesIn, double rate) {
        return new ConnRow("tcp", local, remote, process, "ESTABLISHED", 1, 2, 10, bytesIn, rate, -1, 0, -1, -1, rate / 4);
    }

    private final List<ConnRow> rows = List.of(
            conn("127.0.0.1:1", "10.0.0.1:80", "1/curl", 500, 1),
            conn("127.0.0.1:2", "10.0.0.1:443", "1/curl", 100, 9),
            conn("127.0.0.1:3", "[::1]:22", "2/ssh", 300, 5));

    @Test
    void sortsOnAnyColumnBothWays() {
        List<ConnRow> byBytes = Tables.arrange(rows, UiState.ConnColumn.BYTES_IN, true, UiState.ConnGroup.NONE);
        assertEquals(List.of(500L, 300L, 100L), byBytes.stream().map(ConnRow::bytesIn).toList());
        List<ConnRow> byRate = Tables.arrange(rows, UiState.ConnColumn.RATE, false, UiState.ConnGroup.NONE);
        assertEquals(List.of(1.0, 5.0, 9.0), byRate.stream().map(ConnRow::rateBps).toList());
        List<ConnRow> byRemote = Tables.arrange(rows, UiState.ConnColumn.REMOTE, false, UiState.ConnGroup.NONE);
        assertEquals("10.0.0.1:443", byRemote.get(0).remote());
    }

    @Test
    void groupsByProcessAndByRemoteHost() {
        List<ConnRow> byProc = Tables.arrange(rows, UiState.ConnColumn.BYTES_IN, true, UiState.ConnGroup.PROCESS);
        assertEquals(2, byProc.size());
        assertEquals("1/curl", byProc.get(0).process());
        assertEquals(600, byProc.get(0).bytesIn());
        assertEquals("2", byProc.get(0).local(), "connections of the process");
        assertEquals(2.5, byProc.get(0).rateOutBps(), 1e-9, "its rate out, summed");
        assertEquals(7.5, byProc.get(0).rateInBps(), 1e-9, "and in");
        List<ConnRow> byHost = Tables.arrange(rows, UiState.ConnColumn.BYTES_IN, true, UiState.ConnGroup.REMOTE_HOST);
        assertEquals(List.of("10.0.0.1", "::1"), byHost.stream().map(ConnRow::remote).toList());
    }

    @Test
    void filtersSocketsByProtocolAndState() {
        List<SocketRow> socks = List.of(
                new SocketRow("tcp", "LISTEN", 0, 0, "a", "b", "-", false),
                new SocketRow("tcp6", "ESTABLISHED", 0, 0, "a", "b", "-", false),
                new SocketRow("udp", "UNCONN", 0, 0, "a", "b", "-", false));
        assertEquals(2, Tables.filterSockets(socks, UiState.SockProto.TCP, "").size());
        assertEquals(1, Tables.filterSockets(socks, UiState.SockProto.ALL, "UNCONN").size());
        assertEquals(0, Tables.filterSockets(socks, UiState.SockProto.UDP, "LISTEN").size());
    }

    @Test
    void windowCutsToTheVisibleRows() {
        Cursor c = Cursor.atTop().withPage(2).withBounds(0, 3).move(2);
        assertEquals(List.of(rows.get(1), rows.get(2)), Tables.window(rows, c));
    }
}
