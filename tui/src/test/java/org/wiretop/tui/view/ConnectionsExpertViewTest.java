package org.wiretop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextColor;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.StatusInfo;

/** The Connections view's {@code Exp} column: a connection's problem packets, red when there are any. */
class ConnectionsExpertViewTest {
    @Test
    void problemCountIsRedWhenNotZero() throws IOException {
        ConnRow sick = new ConnRow("tcp", "127.0.0.1:52350", "127.0.0.1:8080", "77/curl", "CLOSED", 5, 4, 2000, 9000,
                0, 1.25, 3, -1, -1, 0).withExpert(7);
        ConnRow fine = new ConnRow("tcp", "127.0.0.1:52340", "127.0.0.1:12345", "", "ESTABLISHED", 6, 5, 420, 380,
                0, 0.05, 0, -1, -1, 0);
        UiState s = UiState.initial("lo", "", 140, 12).withView(View.CONNECTIONS);
        s = s.withConnections(s.connections().withBounds(0, 2).move(1)); // the fine row selected
        StatusInfo status = new StatusInfo("lo", "", "", 0, 0, 0, 0, 0, false, "12:00:00", "");
        ScreenRenderer r = ScreenRenderer.paint(new Frame(status, List.of(), null, List.of(sick, fine), List.of(), List.of(),
                List.of(), ""), s);
        String[] lines = r.text().split("\n");
        int col = lines[1].indexOf("Exp");
        assertTrue(col > 0, lines[1]);
        assertTrue(lines[2].contains(" 3    7"), "Retr 3, Exp 7: " + lines[2]);
        assertEquals(TextColor.ANSI.RED_BRIGHT, r.at(col + 2, 2).getForegroundColor(), lines[2]);
        assertTrue(lines[3].substring(col, col + 3).trim().equals("0"), lines[3]);
    }
}
