package org.wiretop.monitor.flow;

import java.util.Objects;

/**
 * The one {@link SynWatch} a {@link FlowAttribution} runs, on the live capture's interface and
 * filter: asked again with another interface or filter (the UI's {@code i} and {@code c}), it
 * closes the watch it runs and starts one there. Callers serialise {@link #watch}.
 */
final class CurrentSynWatch implements AutoCloseable {
    private SynWatch syns;
    private String device, filter;

    /** True when a watch runs on {@code device} with {@code filter} (it needs the rights the capture has). */
    boolean watch(FlowAttribution attribution, String device, String filter) {
        if (syns != null && device.equals(this.device) && Objects.equals(filter, this.filter)) {
            return true;
        }
        if (syns != null) {
            syns.close();
        }
        syns = SynWatch.start(attribution, device, filter);
        this.device = device;
        this.filter = filter;
        return syns != null;
    }

    @Override
    public void close() {
        if (syns != null) {
            syns.close();
        }
    }
}
