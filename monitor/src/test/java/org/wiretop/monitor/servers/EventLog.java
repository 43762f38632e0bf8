package org.wiretop.monitor.servers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Collects server events for assertions. */
final class EventLog implements ServerListener {
    final List<ServerEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ServerEvent event) {
        events.add(event);
    }

    <T extends ServerEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends ServerEvent> boolean await(Class<T> type, Predicate<T> match) {
        return Await.until(() -> of(type).stream().anyMatch(match), Duration.ofSeconds(10));
    }
}
