package org.wiretop.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** A detached tmux session driven like a user at a terminal: send keys, read the screen. */
final class Tmux implements AutoCloseable {
    final String session;

    private Tmux(String session) {
        this.session = session;
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "tmux"))) {
                return true;
            }
        }
        return false;
    }

    /** A new session running a plain shell whose prompt is "PROMPT$ ". */
    static Tmux start(String name, int cols, int rows) throws IOException, InterruptedException {
        Tmux t = new Tmux(name);
        run("tmux", "kill-session", "-t", name);
        String out = run("tmux", "new-session", "-d", "-s", name, "-x", Integer.toString(cols), "-y",
                Integer.toString(rows), "env PS1='PROMPT$ ' TERM=xterm-256color bash --norc --noprofile");
        if (!out.isEmpty()) {
            throw new IOException("tmux new-session: " + out);
        }
        return t;
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** Types literal text (no key names). */
    void type(String text) throws IOException, InterruptedException {
        run("tmux", "send-keys", "-t", session, "-l", text);
    }

    /** Sends tmux key names ("Enter", "Space", "Escape", "BSpace", "C-c"). */
    void keys(String... names) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
        cmd.addAll(List.of(names));
        run(cmd.toArray(String[]::new));
    }

    String screen() throws IOException, InterruptedException {
        return run("tmux", "capture-pane", "-p", "-t", session);
    }

    long panePid() throws IOException, InterruptedException {
        return Long.parseLong(run("tmux", "display-message", "-p", "-t", session, "#{pane_pid}").strip());
    }

    /** Waits until the screen satisfies {@code test}; returns the last screen either way. */
    String await(Duration timeout, Predicate<String> test) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String s = screen();
        while (!test.test(s) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000_000L);
            s = screen();
        }
        return s;
    }

    String awaitText(Duration timeout, String text) throws IOException, InterruptedException {
        return await(timeout, s -> s.contains(text));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("tmux", "kill-session", "-t", session);
    }
}
