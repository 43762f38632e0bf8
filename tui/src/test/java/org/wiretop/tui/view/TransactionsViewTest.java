package org.wiretop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.DecodeChoices;
import org.wiretop.tui.FollowRings;
import org.wiretop.tui.KeyReducer;
import org.wiretop.tui.RingAnalysis;
import org.wiretop.tui.RingTransactions;
import org.wiretop.tui.Tables;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.StatusInfo;
import org.wiretop.tui.model.TxnModel;
import org.wiretop.tui.model.TxnRow;

/**
 * The Transactions view ({@code 5}): the ring's analysis finds the HTTP transaction of a real-looking
 * conversation (RingTransactionsTest checks its times against tshark's), beside canned DNS and HTTP rows; golden screens at 80x24 and 200x50;
 * errors red, the slow ones (at or above the p90) yellow; {@code 5}, {@code s} and {@code r} keys.
 */
class TransactionsViewTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static RingTransactions transactions() {
        RingAnalysis analysis = new RingAnalysis(FollowRings.http(), DecodeChoices.none());
        assertTrue(analysis.advance());
        RingTransactions t = analysis.transactions(); // GET /index.html from the ring (10.0.0.2.80) at 12:00:00.003
        long noon = t.arranged(UiState.TxnSort.TIME, false).get(0).requestNanos() - 3_000_000;
        t.add(new TxnRow("12:00:01.000000", noon + 1_000_000_000L, "DNS", "127.0.0.1.43966", "127.0.0.1.53", "A www.example.test",
                "NOERROR", 205_000, 45, 61, false));
        t.add(new TxnRow("12:00:01.100000", noon + 1_100_000_000L, "DNS", "127.0.0.1.43967", "127.0.0.1.53", "A elsewhere.invalid",
                "NXDOMAIN", 131_000, 46, 46, true));
        t.add(new TxnRow("12:00:02.000000", noon + 2_000_000_000L, "HTTP", "127.0.0.1.45414", "127.0.0.1.8080", "GET /big.bin",
                "200", 25_853_000, 86, 200_204, false));
        t.add(new TxnRow("12:00:02.500000", noon + 2_500_000_000L, "HTTP", "[::1].45420", "[::1].8080", "GET /no-such-page", "404",
                594_000, 83, 520, true));
        return t;
    }

    static Frame frame(RingTransactions t, UiState s) {
        List<TxnRow> all = t.arranged(s.txn().sort(), s.txn().descending());
        UiState bounded = s.withTxn(s.txn().cursor().withBounds(0, all.size()), s.txn().sort(), s.txn().descending());
        TxnModel m = t.model(Tables.window(all, bounded.txn().cursor()));
        StatusInfo status = new StatusInfo("lo", "", "", 0, 0, 0, 0, 11, false, "12:00:00", "");
        return new Frame(status, List.of(), null, List.of(), List.of(), List.of(), List.of(), "", null, m);
    }

    static UiState state(int w, int h) {
        return UiState.initial("lo", "", w, h).withView(View.TRANSACTIONS);
    }

    @Test
    void theRingsHttpTransactionIsListed() {
        RingAnalysis analysis = new RingAnalysis(FollowRings.http(), DecodeChoices.none());
        analysis.advance();
        List<TxnRow> rows = analysis.transactions().arranged(UiState.TxnSort.TIME, false);
        assertEquals(1, rows.size());
        TxnRow r = rows.get(0);
        assertEquals("GET /index.html", r.request());
        assertEquals("200", r.status());
        assertEquals("10.0.0.2.80", r.server());
        assertEquals("10.0.0.2.80", analysis.transactions().arranged(UiState.TxnSort.SERVER, false).get(0).server());
    }

    @Test
    void goldenScreens() throws IOException {
        RingTransactions t = transactions();
        UiState narrow = state(80, 24);
        check("transactions-80x24", ScreenRenderer.paint(frame(t, narrow), narrow).text());
        UiState wide = state(200, 50);
        UiState byLatency = KeyReducer.reduce(wide, KeyStroke.fromString("s")).state();
        assertEquals(UiState.TxnSort.LATENCY, byLatency.txn().sort());
        assertTrue(byLatency.txn().descending(), "latency: slowest first");
        check("transactions-200x50", ScreenRenderer.paint(frame(t, byLatency), byLatency).text());
    }

    @Test
    void errorsAreRedAndTheSlowYellow() throws IOException {
        RingTransactions t = transactions();
        UiState s = state(120, 20);
        ScreenRenderer r = ScreenRenderer.paint(frame(t, s), s);
        String[] lines = r.text().split("\n");
        for (int row = 0; row < lines.length; row++) {
            TextColor fg = r.at(2, row).getForegroundColor();
            if (lines[row].contains("NXDOMAIN") || lines[row].contains("/no-such-page")) {
                assertEquals(TextColor.ANSI.RED_BRIGHT, fg, lines[row]);
            } else if (lines[row].contains("GET /big.bin")) {
                assertEquals(TextColor.ANSI.YELLOW, fg, "25.853 ms is the p90 of five: " + lines[row]);
            } else if (lines[row].contains("A www.example.test")) {
                assertEquals(TextColor.ANSI.DEFAULT, fg, lines[row]);
            }
        }
        assertTrue(r.text().contains("5 transactions, 2 errors (red), p50 0.594 ms, p90 25.853 ms (>= p90 yellow)"), r.text());
    }

    @Test
    void keysOpenSortAndReverse() {
        UiState s = UiState.initial("lo", "", 80, 24);
        s = KeyReducer.reduce(s, KeyStroke.fromString("5")).state();
        assertEquals(View.TRANSACTIONS, s.view());
        for (UiState.TxnSort expected : List.of(UiState.TxnSort.LATENCY, UiState.TxnSort.SERVER, UiState.TxnSort.REQUEST,
                UiState.TxnSort.TIME)) {
            s = KeyReducer.reduce(s, KeyStroke.fromString("s")).state();
            assertEquals(expected, s.txn().sort());
        }
        boolean before = s.txn().descending();
        s = KeyReducer.reduce(s, KeyStroke.fromString("r")).state();
        assertEquals(!before, s.txn().descending());
        List<TxnRow> byServer = transactions().arranged(UiState.TxnSort.SERVER, true);
        assertEquals("[::1].8080", byServer.get(0).server());
    }

    private static void check(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("wiretop.updateGolden")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("no golden screen " + file + ": create it with -Dwiretop.updateGolden=true");
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "screen " + name + " differs from " + file);
    }
}
