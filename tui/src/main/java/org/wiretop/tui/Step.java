package org.wiretop.tui;

/** The result of one key: the new UI state and what the app must do (null for nothing). */
public record Step(UiState state, Command command) {
    public static Step of(UiState state) {
        return new Step(state, null);
    }
}
