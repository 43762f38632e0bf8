package org.wiretop.tui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Terminal manners as a user meets them, in tmux, against the built jar browsing a file (no
 * capture rights needed): the mouse switched on and off again (tmux's own view of the pane's
 * modes), a click on a row and a tab, the wheel, a double click, a click on a line of the
 * Statistics view's protocol hierarchy, with the SGR reports a terminal
 * sends (written by {@code tmux send-keys -H}); a resized window redrawn whole at its new size;
 * {@code NO_COLOR} and {@code --no-mouse}. Needs tmux; skips otherwise.
 */
class TuiMannersIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** SGR colour parameters (foreground, background, bright, 256/RGB) as tmux's capture -e writes them. */
    private static final Pattern COLOUR = Pattern.compile("\033\\[([0-9;]*)m");

    private static Path jar() {
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Tmux.available(), "tmux is not installed (scripts/setup installs it)");
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        return jar.toAbsolutePath();
    }

    /** An HTTP exchange of 11 packets in a pcap file. */
    private static Path capture(Path dir) {
        Path pcap = dir.resolve("http.pcap");
        String note = TuiApp.save(FollowRings.http(), pcap.toString());
        assertTrue(note.startsWith("saved 11 packets"), note);
        return pcap;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A mouse report as the terminal sends it: button code, column and row from 1, press or release. */
    private static void mouse(Tmux t, int button, int col, int row, boolean press) throws Exception {
        String report = "\033[<" + button + ";" + col + ";" + row + (press ? "M" : "m");
        String[] cmd = new String[5 + report.length()];
        cmd[0] = "tmux";
        cmd[1] = "send-keys";
        cmd[2] = "-t";
        cmd[3] = t.session;
        cmd[4] = "-H";
        for (int i = 0; i < report.length(); i++) {
            cmd[5 + i] = String.format("%02x", (int) report.charAt(i));
        }
        Tmux.run(cmd);
    }

    /** A left click on screen cell (x, y), both counted from 0. */
    private static void click(Tmux t, int x, int y) throws Exception {
        mouse(t, 0, x + 1, y + 1, true);
        mouse(t, 0, x + 1, y + 1, false);
    }

    private static String line(String screen, int row) {
        String[] lines = screen.split("\n", -1);
        return row < lines.length ? lines[row] : "";
    }

    /** Screen row {@code row} with its SGR sequences, as tmux's capture -e writes them. */
    private static String styledLine(Tmux t, int row) throws Exception {
        return line(Tmux.run("tmux", "capture-pane", "-p", "-e", "-t", t.session), row);
    }

    private static String awaitStyled(Tmux t, int row, String want) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String l = styledLine(t, row);
        while (!l.contains(want) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            l = styledLine(t, row);
        }
        return l;
    }

    private static String modes(Tmux t) throws Exception {
        return Tmux.run("tmux", "display-message", "-p", "-t", t.session, "#{mouse_any_flag}#{mouse_sgr_flag}").strip();
    }

    private static String awaitModes(Tmux t, String want) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String m = modes(t);
        while (!m.equals(want) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            m = modes(t);
        }
        return m;
    }

    @Test
    void mouseClicksWheelAndDoubleClick(@TempDir Path dir) throws Exception {
        Path jar = jar();
        Path pcap = capture(dir);
        try (Tmux t = Tmux.start("wiretop-manners-" + ProcessHandle.current().pid(), 120, 30)) {
            t.awaitText(WAIT, "PROMPT$");
            assertEquals("00", modes(t), "the shell has no mouse mode");
            t.type(java() + " -jar " + jar + " -r " + pcap);
            t.keys("Enter");
            String s = t.await(WAIT, x -> x.contains("1 Packets") && x.contains("Flags [F.]"));
            assertEquals("11", awaitModes(t, "11"), "mouse reports on, in the SGR form (1006)");

            // A click on the third row (screen row 4), then Enter: the detail of frame 3.
            click(t, 20, 4);
            t.keys("Enter");
            s = t.await(WAIT, x -> x.contains("(Up/Down: layer, Esc: back)"));
            assertTrue(s.contains(" Frame 3:"), "the row clicked is selected:\n" + s);
            t.keys("Escape");
            t.awaitText(WAIT, "No. Time");

            // The wheel: one notch down moves the selection 3 rows (to frame 6).
            mouse(t, 65, 20, 10, true);
            t.keys("Enter");
            s = t.await(WAIT, x -> x.contains("(Up/Down: layer, Esc: back)"));
            assertTrue(s.contains(" Frame 6:"), "the wheel moved 3 rows:\n" + s);
            t.keys("Escape");
            t.awaitText(WAIT, "No. Time");

            // A double click on the 8th row opens its detail; another, there, the Follow view.
            click(t, 20, 9);
            click(t, 20, 9);
            s = t.await(WAIT, x -> x.contains("(Up/Down: layer, Esc: back)"));
            assertTrue(s.contains(" Frame 8:"), "a double click opens the detail:\n" + s);
            click(t, 20, 6);
            click(t, 20, 6);
            s = t.await(WAIT, x -> x.contains(" Follow TCP stream 0"));
            assertTrue(s.contains("GET /index.html HTTP/1.1"), "then the Follow view:\n" + s);

            // Search the stream: / Content Enter puts the first match on the top line, n the next, N back.
            t.keys("/");
            t.awaitText(WAIT, "search the stream:");
            t.type("Content");
            t.keys("Enter");
            s = t.await(WAIT, x -> line(x, 3).startsWith("Content-Type: text/plain"));
            assertTrue(line(s, 3).startsWith("Content-Type: text/plain"), "the first match on top:\n" + s);
            t.keys("n");
            s = t.await(WAIT, x -> line(x, 3).startsWith("Content-Length: 24"));
            assertTrue(line(s, 3).startsWith("Content-Length: 24"), "n: the next match:\n" + s);
            t.keys("N");
            s = t.await(WAIT, x -> line(x, 3).startsWith("Content-Type: text/plain"));
            assertTrue(line(s, 3).startsWith("Content-Type: text/plain"), "N: the previous one:\n" + s);
            // In hex, the text column: "Conte" ends one line, "nt-Type" starts the next.
            t.keys("x");
            t.keys("n");
            s = t.await(WAIT, x -> line(x, 3).startsWith("    00000030"));
            assertTrue(line(s, 3).startsWith("    00000030") && line(s, 3).endsWith("C onte"), "n in hex:\n" + s);

            // A click on a tab.
            click(t, 17, 0);
            s = t.await(WAIT, x -> x.contains(" Proto Local"));
            assertTrue(s.contains(" Proto Local"), "the Connections tab:\n" + s);

            // The Statistics tab, then a click on the protocol hierarchy's tcp line selects it (cyan, 46).
            click(t, line(s, 0).indexOf("6 Statistics"), 0);
            s = t.await(WAIT, x -> x.contains(" Protocol hierarchy") && x.contains("    tcp "));
            int tcp = -1;
            String[] rows = s.split("\n", -1);
            for (int r = 0; r < rows.length && tcp < 0; r++) {
                tcp = rows[r].matches("\\s+tcp\\s+frames:.*") ? r : -1;
            }
            assertTrue(tcp > 0, "the hierarchy's tcp line:\n" + s);
            int row = tcp;
            assertFalse(styledLine(t, row).contains("46m"), "not selected before the click: " + styledLine(t, row));
            click(t, 6, row);
            String styled = awaitStyled(t, row, "46m");
            assertTrue(styled.contains("46m"), "the line clicked is selected: " + styled);

            t.keys("q");
            s = t.await(WAIT, x -> x.strip().endsWith("PROMPT$"));
            assertEquals("00", awaitModes(t, "00"), "the mouse is the terminal's again after q");
            assertFalse(s.contains("1 Packets"), s);
        }
    }

    @Test
    void aResizedWindowIsRedrawnWholeAtOnce(@TempDir Path dir) throws Exception {
        Path jar = jar();
        Path pcap = capture(dir);
        try (Tmux t = Tmux.start("wiretop-resize-" + ProcessHandle.current().pid(), 120, 30)) {
            t.awaitText(WAIT, "PROMPT$");
            t.type(java() + " -jar " + jar + " -r " + pcap);
            t.keys("Enter");
            t.await(WAIT, x -> x.contains("1 Packets") && x.contains("Flags [F.]"));
            for (int[] wh : new int[][]{{80, 24}, {200, 50}, {100, 30}}) {
                Tmux.run("tmux", "resize-window", "-t", t.session, "-x", Integer.toString(wh[0]), "-y", Integer.toString(wh[1]));
                String s = t.await(WAIT, x -> wholeAt(x, wh[0], wh[1]));
                assertTrue(wholeAt(s, wh[0], wh[1]), "redrawn whole at " + wh[0] + "x" + wh[1] + ":\n" + s);
            }
            // SIGTERM: the terminal is restored (the mouse too) by the shutdown hook.
            assertEquals("11", modes(t));
            ProcessHandle ui = ProcessHandle.of(t.panePid()).flatMap(p -> p.children().findFirst()).orElseThrow();
            ui.destroy();
            String s = t.await(WAIT, x -> x.strip().endsWith("PROMPT$"));
            assertEquals("00", awaitModes(t, "00"), "the mouse is the terminal's again after SIGTERM:\n" + s);
        }
    }

    /** The screen is the UI's, laid out for w×h: tab bar and name at the edge, header, rows, status bar last. */
    private static boolean wholeAt(String screen, int w, int h) {
        String[] lines = screen.split("\n", -1);
        if (lines.length < h) {
            return false;
        }
        for (int i = 0; i < h; i++) {
            if (lines[i].stripTrailing().length() > w) {
                return false;
            }
        }
        // the name and the clock end one blank short of the right edge (six tabs and the name take 101 columns)
        boolean name = w <= 100 || lines[0].stripTrailing().length() == w - 1 && lines[0].stripTrailing().endsWith("wiretop  ? help");
        return lines[0].startsWith("  1 Packets") && name && lines[1].contains("No. Time")
                && lines[2].contains("Flags [S]") && lines[h - 1].contains("| bpf:")
                && lines[h - 1].stripTrailing().length() == w - 1 && lines[h - 2].startsWith(" / filter");
    }

    @Test
    void noColorAndNoMouse(@TempDir Path dir) throws Exception {
        Path jar = jar();
        Path pcap = capture(dir);
        try (Tmux t = Tmux.start("wiretop-nocolor-" + ProcessHandle.current().pid(), 120, 30)) {
            t.awaitText(WAIT, "PROMPT$");
            t.type("NO_COLOR=1 " + java() + " -jar " + jar + " --no-mouse -r " + pcap);
            t.keys("Enter");
            t.await(WAIT, x -> x.contains("1 Packets") && x.contains("Flags [F.]"));
            String styled = Tmux.run("tmux", "capture-pane", "-p", "-e", "-t", t.session);
            boolean reverse = false;
            Matcher m = COLOUR.matcher(styled);
            while (m.find()) {
                for (String p : m.group(1).split(";")) {
                    int v = p.isEmpty() ? 0 : Integer.parseInt(p);
                    assertFalse(v >= 30 && v <= 49 && v != 39 && v != 49 || v >= 90 && v <= 107,
                            "a colour (" + m.group(1) + ") with NO_COLOR set:\n" + styled);
                    reverse |= v == 7;
                }
            }
            assertTrue(reverse, "bars and the selection in reverse video:\n" + styled);
            assertEquals("00", modes(t), "--no-mouse leaves the mouse to the terminal");
            t.keys("q");
            t.await(WAIT, x -> x.strip().endsWith("PROMPT$"));
        }
        try (Tmux t = Tmux.start("wiretop-colour-" + ProcessHandle.current().pid(), 120, 30)) {
            t.awaitText(WAIT, "PROMPT$");
            // The Linux console's 8 colours: the HTTP rows' bright white is plain white and bold there.
            t.type("TERM=linux " + java() + " -jar " + jar + " -r " + pcap);
            t.keys("Enter");
            t.await(WAIT, x -> x.contains("1 Packets") && x.contains("Flags [F.]"));
            String styled = Tmux.run("tmux", "capture-pane", "-p", "-e", "-t", t.session);
            assertTrue(styled.contains("36m") || styled.contains(";36"), "colour otherwise (TCP rows cyan):\n" + styled);
            Matcher m = COLOUR.matcher(styled);
            while (m.find()) {
                for (String p : m.group(1).split(";")) {
                    int v = p.isEmpty() ? 0 : Integer.parseInt(p);
                    assertTrue(v < 50, "TERM=linux: no bright (90-107), 256-colour or RGB codes (" + m.group(1) + ")");
                }
            }
            t.keys("q");
            t.await(WAIT, x -> x.strip().endsWith("PROMPT$"));
        }
    }
}
