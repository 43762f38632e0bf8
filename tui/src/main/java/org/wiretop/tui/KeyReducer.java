package org.wiretop.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import java.util.List;

/**
 * Key handling as a pure function: {@code reduce(state, key)} gives the next state and the
 * command for the app, with no I/O, so every key is tested without a terminal.
 */
public final class KeyReducer {
    /** Every key, for the help overlay (key, what it does). */
    public static final List<String[]> HELP = List.of(
            new String[]{"1-6, Tab", "Packets, Connections, Sockets, Servers, Transactions, Statistics view"},
            new String[]{"Up/Down, PgUp/PgDn", "move the selection (Left/Right: Statistics table)"},
            new String[]{"Home / End", "first row / newest row (End follows new packets)"},
            new String[]{"Space", "Packets: pause the view (capture goes on); Servers: start/stop"},
            new String[]{"Enter", "Packets: open the packet's detail; Servers: quick client line"},
            new String[]{"f", "Packets, detail, Connections: follow the TCP/UDP stream (x hex/text)"},
            new String[]{"/ n N", "Follow: search the stream, next / previous match"},
            new String[]{"mouse", "click a row or tab, wheel scrolls, double-click opens"},
            new String[]{"Esc", "close detail, follow, help or an input line"},
            new String[]{"/", "display filter (tcp.port == 12345 && ip.addr == 127.0.0.1)"},
            new String[]{"c / i", "capture (BPF) filter / interface; either restarts the capture"},
            new String[]{"w", "save the packets held in the ring to a pcap file"},
            new String[]{"s / r / g", "Connections: sort column / reverse / group by process, host"},
            new String[]{"t / s", "Sockets: protocol filter / state filter"},
            new String[]{"s / r", "Transactions: sort by time, latency, server, request / reverse"},
            new String[]{"Enter", "Connections: the connection's throughput and RTT over time (Esc back)"},
            new String[]{"z / b / s / t", "Statistics: window 60 s, 10 min, 1 h / bytes, packets / stacked, overlaid / total"},
            new String[]{"? / q, Ctrl-C", "this help / quit"});

    private KeyReducer() {
    }

    public static Step reduce(UiState state, KeyStroke key) {
        if (key == null || key.getKeyType() == KeyType.EOF) {
            return key == null ? Step.of(state) : new Step(state, new Command.Quit());
        }
        if (isChar(key, 'c') && key.isCtrlDown()) {
            return new Step(state, new Command.Quit());
        }
        UiState s = state.message().isEmpty() ? state : state.withMessage("");
        if (s.prompt() != null) {
            return prompt(s, key);
        }
        if (s.help()) {
            return Step.of(s.withHelp(false)); // any key closes help
        }
        if (key.getKeyType() == KeyType.Escape) {
            if (s.view() == View.CONNECTIONS && s.graphs().connDetail()) {
                return Step.of(s.withGraphs(s.graphs().withConnDetail(false)));
            }
            return Step.of(s.followOpen() ? closeFollow(s) : s.detailOpen() ? s.withDetail(-1, 0) : s);
        }
        if (key.getKeyType() == KeyType.Tab) {
            return Step.of(s.withView(s.view().next()));
        }
        if (isChar(key, '/') && s.followOpen() && s.view() == View.PACKETS) {
            return Step.of(s.withPrompt(Prompt.of(Prompt.Kind.FOLLOW_SEARCH, s.follow().search())));
        }
        if (key.getKeyType() == KeyType.Character && !key.isCtrlDown() && !key.isAltDown()) {
            Step global = globalChar(s, key.getCharacter());
            if (global != null) {
                return global;
            }
        }
        if (s.followOpen() && s.view() == View.PACKETS) { // (opened from Connections too: it shows over Packets)
            return Step.of(follow(s, key));
        }
        if (s.detailOpen() && s.view() == View.PACKETS) {
            return Step.of(detail(s, key));
        }
        return switch (s.view()) {
            case PACKETS -> packets(s, key);
            case CONNECTIONS -> connections(s, key);
            case SOCKETS -> sockets(s, key);
            case SERVERS -> servers(s, key);
            case TRANSACTIONS -> Step.of(transactions(s, key));
            case STATS -> StatsKeys.statistics(s, key);
        };
    }

    private static Step globalChar(UiState s, char c) {
        return switch (c) {
            case 'q' -> new Step(s, new Command.Quit());
            case '?' -> Step.of(s.withHelp(true));
            case '1', '2', '3', '4', '5', '6' -> View.ofKey(c) == null ? null : Step.of(s.withView(View.ofKey(c)));
            case '/' -> Step.of(s.withPrompt(Prompt.of(Prompt.Kind.DISPLAY_FILTER, s.displayFilter())));
            case 'c' -> Step.of(s.withPrompt(Prompt.of(Prompt.Kind.CAPTURE_FILTER, s.captureFilter())));
            case 'i' -> Step.of(s.withPrompt(Prompt.of(Prompt.Kind.INTERFACE, s.iface())));
            case 'w' -> Step.of(s.withPrompt(Prompt.of(Prompt.Kind.SAVE, "wiretop.pcap")));
            default -> null;
        };
    }

    private static Step prompt(UiState s, KeyStroke key) {
        Prompt p = s.prompt();
        switch (key.getKeyType()) {
            case Escape:
                return Step.of(s.withPrompt(null));
            case Backspace:
                return Step.of(s.withPrompt(p.backspace()));
            case Enter:
                if (p.kind() == Prompt.Kind.FOLLOW_SEARCH) {
                    return Step.of(s.followOpen() ? s.withPrompt(null).withFollow(s.follow().searched(p.text()))
                            : s.withPrompt(null));
                }
                return new Step(s.withPrompt(null), switch (p.kind()) {
                    case DISPLAY_FILTER -> new Command.ApplyDisplayFilter(p.text().trim());
                    case CAPTURE_FILTER -> new Command.RestartCapture(p.text().trim());
                    case INTERFACE -> new Command.SwitchInterface(p.text().trim());
                    case SAVE -> new Command.SaveRing(p.text().trim());
                    case CLIENT -> new Command.SendToServer(s.servers().selectedIndex(), p.text());
                    case FOLLOW_SEARCH -> null; // handled above
                });
            case Character:
                if (key.isCtrlDown() || key.isAltDown()) {
                    return Step.of(s);
                }
                return Step.of(s.withPrompt(p.type(key.getCharacter())));
            default:
                return Step.of(s);
        }
    }

    /** Arrow/page/home/end movement shared by every list; null when the key is not one. */
    static Cursor move(Cursor c, KeyStroke key) {
        int page = Math.max(1, c.page() - 1);
        return switch (key.getKeyType()) {
            case ArrowUp -> c.move(-1);
            case ArrowDown -> c.move(1);
            case PageUp -> c.move(-page);
            case PageDown -> c.move(page);
            case Home -> c.home();
            case End -> c.last();
            default -> null;
        };
    }

    private static Step packets(UiState s, KeyStroke key) {
        Cursor moved = move(s.packets(), key);
        if (moved != null) {
            return Step.of(s.withPackets(moved));
        }
        if (key.getKeyType() == KeyType.Enter && s.packets().size() > 0) {
            return Step.of(s.withDetail(s.packets().selected(), 0));
        }
        if (isChar(key, ' ')) {
            return Step.of(s.withPaused(!s.paused()));
        }
        if (isChar(key, 'f') && s.packets().size() > 0) {
            return Step.of(s.withFollow(UiState.Follow.of(s.packets().selected())));
        }
        return Step.of(s);
    }

    /** The Follow view: scroll by line or page, Home/End (End keeps the newest in sight), x for hex/text. */
    private static UiState follow(UiState s, KeyStroke key) {
        UiState.Follow f = s.follow();
        int page = Math.max(1, s.listRows() - 3);
        return switch (key.getKeyType()) {
            case ArrowUp -> s.withFollow(f.scrolled(f.top() - 1, false));
            case ArrowDown -> s.withFollow(f.scrolled(f.top() + 1, false));
            case PageUp -> s.withFollow(f.scrolled(f.top() - page, false));
            case PageDown -> s.withFollow(f.scrolled(f.top() + page, false));
            case Home -> s.withFollow(f.scrolled(0, false));
            case End -> s.withFollow(f.scrolled(f.top(), true));
            case Backspace -> closeFollow(s);
            default -> isChar(key, 'x') ? s.withFollow(f.toggledHex())
                    : isChar(key, 'n') ? s.withFollow(f.seeking(FollowSearch.Seek.NEXT))
                    : isChar(key, 'N') ? s.withFollow(f.seeking(FollowSearch.Seek.PREVIOUS)) : s;
        };
    }

    /** Closes the Follow view: back to Connections when it was opened there (on a ring packet), else to Packets. */
    private static UiState closeFollow(UiState s) {
        return s.follow().seq() >= 0 ? s.withView(View.CONNECTIONS) : s.withFollow(null);
    }

    private static UiState detail(UiState s, KeyStroke key) {
        return switch (key.getKeyType()) {
            case ArrowUp -> s.withDetail(s.detailPos(), s.detailLayer() - 1);
            case ArrowDown -> s.withDetail(s.detailPos(), s.detailLayer() + 1);
            case Enter, Backspace -> s.withDetail(-1, 0);
            default -> isChar(key, 'f') ? s.withFollow(UiState.Follow.of(s.detailPos())) : s;
        };
    }

    private static Step connections(UiState s, KeyStroke key) {
        Step pane = StatsKeys.connections(s, key);
        if (pane != null) {
            return pane;
        }
        Cursor moved = move(s.connections(), key);
        if (moved != null) {
            return Step.of(s.withConnections(moved));
        }
        UiState.ConnColumn[] cols = UiState.ConnColumn.values();
        if (isChar(key, 's')) {
            return Step.of(s.withConnSort(cols[(s.connSort().ordinal() + 1) % cols.length], s.connDescending(), s.connGroup()));
        }
        if (isChar(key, 'r')) {
            return Step.of(s.withConnSort(s.connSort(), !s.connDescending(), s.connGroup()));
        }
        if (isChar(key, 'g')) {
            return Step.of(s.withConnSort(s.connSort(), s.connDescending(), s.connGroup().next())
                    .withConnections(s.connections().home()));
        }
        if (isChar(key, 'f') && s.connections().size() > 0) {
            return new Step(s, new Command.FollowConnection());
        }
        return Step.of(s);
    }

    /** The Transactions view: move, {@code s} the next sort column, {@code r} the other order. */
    private static UiState transactions(UiState s, KeyStroke key) {
        UiState.TxnView t = s.txn();
        Cursor moved = move(t.cursor(), key);
        if (moved != null) {
            return s.withTxn(moved, t.sort(), t.descending());
        }
        UiState.TxnSort[] sorts = UiState.TxnSort.values();
        if (isChar(key, 's')) {
            UiState.TxnSort next = sorts[(t.sort().ordinal() + 1) % sorts.length];
            // latency reads best slowest first, the rest in their natural order
            return s.withTxn(t.cursor().home(), next, next == UiState.TxnSort.LATENCY);
        }
        if (isChar(key, 'r')) {
            return s.withTxn(t.cursor().home(), t.sort(), !t.descending());
        }
        return s;
    }

    private static Step sockets(UiState s, KeyStroke key) {
        Cursor moved = move(s.sockets(), key);
        if (moved != null) {
            return Step.of(s.withSockets(moved));
        }
        if (isChar(key, 't')) {
            return Step.of(s.withSockFilter(s.sockProto().next(), s.sockState()));
        }
        if (isChar(key, 's')) {
            List<String> states = UiState.SOCK_STATES;
            String next = states.get((Math.max(0, states.indexOf(s.sockState())) + 1) % states.size());
            return Step.of(s.withSockFilter(s.sockProto(), next));
        }
        return Step.of(s);
    }

    private static Step servers(UiState s, KeyStroke key) {
        Cursor moved = move(s.servers(), key);
        if (moved != null) {
            return Step.of(s.withServers(moved));
        }
        if (s.servers().size() == 0) {
            return Step.of(s);
        }
        if (isChar(key, ' ')) {
            return new Step(s, new Command.ToggleServer(s.servers().selectedIndex()));
        }
        if (key.getKeyType() == KeyType.Enter) {
            return Step.of(s.withPrompt(Prompt.of(Prompt.Kind.CLIENT, "")));
        }
        return Step.of(s);
    }

    private static boolean isChar(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && key.getCharacter() == c;
    }
}
