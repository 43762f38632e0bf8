package org.wiretop.monitor.socket;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which sockets to show, with netstat's meaning of the flags: by default only sockets that
 * are not waiting for peers (no LISTEN, no unconnected UDP), {@code -l} only those, {@code -a}
 * all; protocols and families narrow it, and a state list (when given) replaces the default.
 *
 * @param protos   protocols to show (never empty)
 * @param families address families to show, 4 and/or 6 (never empty)
 * @param scope    connected, listening or all
 * @param states   states to show; empty means "as the scope says"
 */
public record SocketQuery(Set<Proto> protos, Set<Integer> families, Scope scope, Set<SocketState> states) {
    /** netstat's default, {@code -l} and {@code -a}. */
    public enum Scope { CONNECTED, LISTENING, ALL }

    public SocketQuery {
        protos = protos.isEmpty() ? EnumSet.allOf(Proto.class) : Set.copyOf(protos);
        families = families.isEmpty() ? Set.of(4, 6) : Set.copyOf(families);
        states = Set.copyOf(states);
    }

    /** Every socket of both protocols and families. */
    public static SocketQuery all() {
        return new SocketQuery(Set.of(), Set.of(), Scope.ALL, Set.of());
    }

    public boolean matches(SocketEntry e) {
        return protos.contains(e.proto()) && families.contains(e.family()) && matchesState(e.state());
    }

    /** Whether a socket in this state is wanted (protocol and family aside). */
    public boolean matchesState(SocketState state) {
        if (!states.isEmpty()) {
            return states.contains(state) && (scope != Scope.LISTENING || state.isListening());
        }
        return switch (scope) {
            case ALL -> true;
            case LISTENING -> state.isListening();
            case CONNECTED -> !state.isListening();
        };
    }

    /**
     * The kernel state numbers (bit k = state k, as sock_diag's idiag_states) this query wants
     * for a protocol, so the kernel filters instead of us.
     */
    public int kernelStates(Proto proto) {
        int mask = 0;
        for (int k = 1; k <= 12; k++) {
            if (matchesState(SocketState.fromKernel(proto, k))) {
                mask |= 1 << k;
            }
        }
        return mask;
    }
}
