package org.wiretop.tui;

import org.wiretop.capture.CaptureStats;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.DetailModel;
import org.wiretop.tui.model.FollowModel;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.GraphsModel;
import org.wiretop.tui.model.PacketRow;
import org.wiretop.tui.model.SocketRow;
import org.wiretop.tui.model.StatsSnapshot;
import org.wiretop.tui.model.StatusInfo;
import org.wiretop.tui.model.TxnModel;
import org.wiretop.tui.model.TxnRow;
import org.wiretop.tui.view.StatsLayout;
import org.wiretop.tui.view.StatsView;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the snapshot a screen is drawn from: reads the ring, the capture status and the feeds
 * (all published by other threads), brings the UI state's list bounds up to date and cuts each
 * list to its visible window. UI thread only.
 */
public final class LiveModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final CaptureEngine engine;
    private final Feeds.Connections connections;
    private final Feeds.Sockets sockets;
    private final Feeds.Servers servers;
    private final PacketList list;
    private final PacketRows rows;
    private final DetailBuilder details;
    private long frozenEnd = -1;
    private long detailFor = -2;
    private DetailModel detail;
    private FollowScan follow;
    private final DecodeChoices choices;
    private RingAnalysis analysis;
    // rate sampling
    private long lastSampleNanos;
    private long lastPackets;
    private long lastBytes;
    private double pps;
    private double bps;
    private volatile String banner = "";
    private volatile String clientReply = "";
    private java.util.function.LongSupplier flowSkipped = () -> 0;
    private GraphsTaker graphs;

    public LiveModel(CaptureEngine engine, Feeds.Connections connections, Feeds.Sockets sockets, Feeds.Servers servers) {
        this(engine, connections, sockets, servers, DecodeChoices.none());
    }

    /** @param choices what ports are dissected as (--decode-as and the built-in servers started) */
    public LiveModel(CaptureEngine engine, Feeds.Connections connections, Feeds.Sockets sockets, Feeds.Servers servers,
                     DecodeChoices choices) {
        this.list = new PacketList(choices);
        this.rows = new PacketRows(choices);
        this.details = new DetailBuilder(choices);
        this.choices = choices;
        this.engine = engine;
        this.connections = connections;
        this.sockets = sockets;
        this.servers = servers;
    }

    /** Where to read how many packets flow tracking skipped (shown when not zero). */
    public void setFlowSkipped(java.util.function.LongSupplier skipped) {
        flowSkipped = skipped;
    }

    /** Where the graphs' history and tables come from; {@code unicode}: the terminal shows block characters. */
    public void setStats(StatsFeed feed, boolean unicode) {
        graphs = new GraphsTaker(feed, unicode);
    }

    /** Where the processes behind a packet are named, for the detail view. */
    public void setProcesses(java.util.function.Function<org.wiretop.decode.PacketSummary, List<String>> processes) {
        details.setProcesses(processes);
    }

    /** Packets flow tracking has skipped so far. */
    public long flowSkipped() {
        return flowSkipped.getAsLong();
    }

    public void setBanner(String text) {
        banner = text;
    }

    public void setClientReply(String text) {
        clientReply = text;
    }

    public PacketList packetList() {
        return list;
    }

    /** Applies a display filter from now on (positions restart). */
    public void setFilter(DisplayFilter filter) {
        list.reset(engine.ring(), filter);
        frozenEnd = -1;
        detailFor = -2;
    }

    /** Rates in packets and bytes per second since the previous call (once per tick). */
    public void sampleRates(long nowNanos) {
        PacketRing ring = engine.ring();
        long packets = ring == null ? 0 : ring.end();
        long bytes = ring == null ? 0 : ring.totalBytes();
        if (lastSampleNanos != 0 && nowNanos > lastSampleNanos && packets >= lastPackets) {
            double secs = (nowNanos - lastSampleNanos) / 1e9;
            pps = (packets - lastPackets) / secs;
            bps = (bytes - lastBytes) / secs;
        }
        lastSampleNanos = nowNanos;
        lastPackets = packets;
        lastBytes = bytes;
    }

    /** Updates the state's list bounds to the data and returns it with the frame to draw. */
    public Result take(UiState state) {
        return take(state, Long.MAX_VALUE);
    }

    /** As {@link #take(UiState)}, analysing the ring's new packets only until {@code analysisDeadline} ({@link System#nanoTime()}). */
    public Result take(UiState state, long analysisDeadline) {
        PacketRing ring = engine.ring();
        if (list.ring() != ring) {
            list.reset(ring, list.filter());
            frozenEnd = -1;
        }
        if (ring != null && (analysis == null || analysis.ring() != ring)) {
            analysis = new RingAnalysis(ring, choices);
            list.setAnalysis(analysis);
        }
        if (analysis != null && ring != null) {
            analysis.advance(analysisDeadline);
        }
        list.refresh();
        long end = list.end();
        if (state.paused()) {
            if (frozenEnd < 0) {
                frozenEnd = end;
            }
            end = Math.min(end, frozenEnd);
        } else {
            frozenEnd = -1;
        }
        UiState s = state.withPackets(state.packets().withBounds(list.first(), end));

        List<PacketRow> window = new ArrayList<>();
        if (ring != null && s.view() == View.PACKETS && !s.detailOpen() && !s.followOpen()) {
            Cursor c = s.packets();
            for (long pos = c.top(); pos < c.top() + c.page() && pos < c.end(); pos++) {
                long seq = list.seqAt(pos);
                RawPacket p = seq < 0 ? null : ring.read(seq);
                if (p != null) {
                    window.add(rows.row(p, analysis));
                }
            }
        }
        DetailModel d = null;
        if (s.detailOpen() && ring != null) {
            long seq = list.seqAt(s.detailPos());
            if (seq != detailFor) {
                RawPacket p = seq < 0 ? null : ring.read(seq);
                detail = p == null ? null : details.build(p);
                detailFor = seq;
            }
            d = detail;
            if (d != null && s.detailLayer() >= d.layers().size()) {
                s = s.withDetail(s.detailPos(), d.layers().size() - 1);
            }
        }

        FollowModel followed = null;
        if (s.followOpen() && s.view() == View.PACKETS && ring != null) {
            UiState.Follow want = s.follow();
            followed = followed(want, ring, s.listRows() - 1, s.width()); // below the view's title line
            if (want.seek() != FollowSearch.Seek.NONE && followed.top() == want.top()
                    && FollowSearch.find(follow.lines().lines(want.hex(), s.width()), want.search(), want.top(), want.seek(), want.hex()) < 0) {
                s = s.withMessage("no match for " + want.search() + " in this stream");
            }
            if (followed.top() != want.top() || want.seek() != FollowSearch.Seek.NONE) {
                s = s.withFollow(want.scrolled(followed.top(), want.tail()));
            }
        } else {
            follow = null;
        }

        sockets.setWanted(s.view() == View.SOCKETS || s.view() == View.CONNECTIONS);
        // Only the view on screen is joined, sorted and filtered.
        List<ConnRow> conns = List.of();
        if (s.view() == View.CONNECTIONS) {
            conns = arranged(connections.rows(), s);
            s = s.withConnections(s.connections().withBounds(0, conns.size()));
        }
        List<SocketRow> socks = List.of();
        if (s.view() == View.SOCKETS) {
            socks = Tables.filterSockets(sockets.rows(), s.sockProto(), s.sockState());
            s = s.withSockets(s.sockets().withBounds(0, socks.size()));
        }
        TxnModel txn = TxnModel.EMPTY;
        if (s.view() == View.TRANSACTIONS && analysis != null) {
            UiState.TxnView t = s.txn();
            List<TxnRow> all = analysis.transactions().arranged(t.sort(), t.descending());
            s = s.withTxn(t.cursor().withBounds(0, all.size()), t.sort(), t.descending());
            txn = analysis.transactions().model(Tables.window(all, s.txn().cursor()));
        }
        var serverRows = servers.servers();
        s = s.withServers(s.servers().withBounds(0, serverRows.size()));

        CaptureStatus cs = engine.status();
        CaptureStats st = cs.stats();
        String note = !banner.isEmpty() ? banner : cs.error().isEmpty() ? "" : "capture: " + cs.error();
        if (list.filtering() && list.skipped() > 0) {
            note = (note.isEmpty() ? "" : note + "  ") + "filter skipped " + list.skipped() + " packets (rate too high)";
        }
        if (analysis != null && analysis.skipped() > 0) {
            note = (note.isEmpty() ? "" : note + "  ") + "analysis skipped " + analysis.skipped()
                    + " packets (rate too high): streams and expert flags are partial";
        }
        long flowsSkipped = flowSkipped();
        if (flowsSkipped > 0) {
            note = (note.isEmpty() ? "" : note + "  ") + "flow tracking sampled: " + flowsSkipped + " packets not counted in Connections";
        }
        StatusInfo status = new StatusInfo(cs.spec().label(), cs.spec().bpf(), list.filter().text(), pps, bps,
                st.droppedByKernel() + st.droppedByIface(), ring == null ? 0 : ring.first(),
                ring == null ? 0 : ring.end() - ring.first(), s.paused(), LocalTime.now().format(CLOCK), note);
        List<ConnRow> connWindow = Tables.window(conns, s.connections());
        if (analysis != null && !connWindow.isEmpty()) {
            List<ConnRow> counted = new ArrayList<>(connWindow.size());
            for (ConnRow r : connWindow) {
                counted.add(r.withExpert(analysis.experts().of(r.local(), r.remote())));
            }
            connWindow = counted;
        }
        GraphsModel gm = graphs == null ? GraphsModel.EMPTY : graphs.take(s, connWindow,
                selected(connWindow, s.connections()), cs.spec().isFile() || cs.spec().isStream());
        if (s.view() == View.STATS) {
            s = s.withStatsTables(fitted(s, gm.stats()));
        }
        Frame f = new Frame(status, window, d, connWindow, Tables.window(socks, s.sockets()),
                serverRows, servers.log(), clientReply, followed, txn, gm);
        return new Result(s, f);
    }

    /** The Statistics view's tables' cursors bounded by the tables' lengths, paged by the rows they get on screen. */
    private static StatsTables fitted(UiState s, StatsSnapshot st) {
        StatsLayout l = StatsLayout.of(s.width(), 1, s.listRows());
        return s.statsTables().fitted(
                new int[]{StatsView.hierarchyRows(st).size(), st.endpoints().size(), st.conversations().size()},
                new int[]{l.hierarchy().rows(), l.endpoints().rows(), l.conversations().rows()});
    }

    private static ConnRow selected(List<ConnRow> shown, Cursor c) {
        int i = (int) (c.selected() - c.top());
        return i >= 0 && i < shown.size() ? shown.get(i) : null;
    }

    /** The Follow view's stream, read on from the ring, its scroll position kept in bounds. */
    private FollowModel followed(UiState.Follow want, PacketRing ring, int rows, int width) {
        long seq = want.seq() >= 0 ? want.seq() : list.seqAt(want.packetPos());
        if (follow == null || follow.ring() != ring || follow.target() != seq) {
            follow = new FollowScan(ring, seq);
        }
        follow.advance(FollowScan.BUDGET);
        int shown = Math.max(1, rows);
        long last = Math.max(0, follow.model(want.hex(), 0, 0, width).total() - shown);
        // While searching, a match may stay on the top line near the end (as in less), so n goes on from it.
        long bottom = want.search().isEmpty() ? last : Math.max(last, follow.model(want.hex(), 0, 0, width).total() - 1);
        long top = want.tail() ? last : Math.min(want.top(), bottom);
        if (want.seek() != FollowSearch.Seek.NONE) {
            long match = FollowSearch.find(follow.lines().lines(want.hex(), width), want.search(), want.top(), want.seek(), want.hex());
            top = match < 0 ? top : match; // the match on the top line, where the eye is
        }
        return follow.model(want.hex(), top, shown, width);
    }

    /**
     * The newest packet the ring holds between the ends of {@code row} (a TCP or UDP connection of
     * the Connections view), or -1; looks back at most {@code ConnectionPackets#SCAN} packets.
     */
    public long newestPacketOf(ConnRow row) {
        PacketRing ring = engine.ring();
        return ring == null ? -1 : ConnectionPackets.newest(ring, choices, row);
    }

    private List<ConnRow> arrangedFrom;
    private Object arrangedBy;
    private List<ConnRow> arranged = List.of();

    /** Sorted/grouped connections, recomputed only when the rows or the order asked for changed. */
    private List<ConnRow> arranged(List<ConnRow> rows, UiState s) {
        Object by = List.of(s.connSort(), s.connDescending(), s.connGroup());
        if (rows != arrangedFrom || !by.equals(arrangedBy)) {
            arranged = Tables.arrange(rows, s.connSort(), s.connDescending(), s.connGroup());
            arrangedFrom = rows;
            arrangedBy = by;
        }
        return arranged;
    }

    /** A state with up-to-date bounds and the frame drawn from it. */
    public record Result(UiState state, Frame frame) {
    }
}
