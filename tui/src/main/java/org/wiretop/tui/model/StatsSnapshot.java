package org.wiretop.tui.model;

import org.wiretop.stats.Talker;

import java.util.List;

/**
 * The statistics tables as of their last publication (about once a second): the protocol
 * hierarchy in tshark's {@code -z io,phs} layout (its lines, frames and bytes per layer path) and
 * the top talkers by bytes, IPv4 endpoints and conversations as tshark counts them.
 */
public record StatsSnapshot(List<String> hierarchy, List<Talker> endpoints, List<Talker> conversations) {
    public static final StatsSnapshot EMPTY = new StatsSnapshot(List.of(), List.of(), List.of());
}
