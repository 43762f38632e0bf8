package org.wiretop.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Keys of the Statistics view and of the Connections detail pane (pure, like {@link KeyReducer}). */
final class StatsKeys {
    private StatsKeys() {
    }

    /**
     * z: next window (60 s, 10 min, 1 h); b: bytes/packets; s: stacked/overlaid; t: total/protocols;
     * ← → pick a table (hierarchy, endpoints, conversations), the arrows, PgUp/PgDn, Home and End move in it.
     */
    static Step statistics(UiState s, KeyStroke key) {
        GraphChoice g = s.graphs();
        StatsTables tables = s.statsTables();
        if (key.getKeyType() == KeyType.ArrowLeft || key.getKeyType() == KeyType.ArrowRight) {
            return Step.of(s.withStatsTables(tables.turned(key.getKeyType() == KeyType.ArrowLeft ? -1 : 1)));
        }
        Cursor moved = KeyReducer.move(tables.cursor(tables.focusOrFirst()), key);
        if (moved != null) {
            return Step.of(s.withStatsTables(tables.with(tables.focusOrFirst(), moved)));
        }
        if (key.getKeyType() != KeyType.Character) {
            return Step.of(s);
        }
        return Step.of(switch (key.getCharacter()) {
            case 'z' -> s.withGraphs(g.withWindow(g.window().next()));
            case 'b' -> s.withGraphs(g.withBytes(!g.bytes()));
            case 's' -> s.withGraphs(g.withPerProtocol(true).withStacked(!g.stacked() || !g.perProtocol()));
            case 't' -> s.withGraphs(g.withPerProtocol(!g.perProtocol()));
            default -> s;
        });
    }

    /** Connections (ungrouped): Enter opens or closes the selected connection's detail pane; null for other keys. */
    static Step connections(UiState s, KeyStroke key) {
        boolean rows = s.connections().size() > 0 && s.connGroup() == UiState.ConnGroup.NONE; // a connection, not a group
        if (key.getKeyType() == KeyType.Enter && (rows || s.graphs().connDetail())) {
            return Step.of(s.withGraphs(s.graphs().withConnDetail(!s.graphs().connDetail())));
        }
        return null;
    }
}
