package org.wiretop.cli;

import org.wiretop.capture.PacketComments;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.export.FlowProcesses;
import org.wiretop.monitor.flow.FlowAttribution;
import org.wiretop.monitor.flow.FlowKey;
import org.wiretop.monitor.flow.FlowOwner;
import org.wiretop.monitor.flow.FlowRecord;
import org.wiretop.monitor.flow.LocalAddresses;
import org.wiretop.monitor.flow.ProcessTag;
import org.wiretop.monitor.socket.SocketOwner;

/**
 * A live capture's process names for its output (design §9): every decoded packet goes through
 * {@link FlowAttribution} on the capture thread, and, when the output shows processes (JSON's
 * {@code wiretop.process}, pcapng comments), a packet whose flow is still being looked up waits in
 * {@link HeldPackets} for at most {@value #HOLD_MILLIS} ms. A packet shows the owner of its
 * sending socket when that is on this host and known, else its receiver's; when both ends are
 * ours (loopback) the other one too, as the peer.
 */
final class ProcessNaming implements AutoCloseable {
    /**
     * How long a packet's output waits for its flow's process; the hold's releaser looks every
     * 2 ms once the link is quiet for 2 ms, so a line is late by at most 20 ms.
     */
    static final int HOLD_MILLIS = 16;
    static final int HELD_PACKETS = 1 << 15;
    private static final int HELD_BYTES = 16 << 20;
    /** How long the start waits for the first listener snapshot (the first /proc scan). */
    private static final long LISTENERS_WAIT_MILLIS = 2000;

    private final FlowAttribution attribution;
    private final boolean holdOutput;
    private final boolean forFlows;
    private final PacketComments comments = new PacketComments();
    private ProcessTag lastMain;
    private ProcessTag lastPeer;

    /**
     * @param holdOutput whether packets wait for their names (false: only the --flows report needs them)
     * @param forFlows   whether flow records ask for their processes ({@link #flowProcesses}, {@link #label}):
     *                   only then are owners kept by key for other threads
     * @param live       the live capture's interface and filter, for the SYN watch, or null
     */
    ProcessNaming(boolean holdOutput, boolean forFlows, org.wiretop.capture.LiveOptions live) {
        this.holdOutput = holdOutput;
        this.forFlows = forFlows;
        this.attribution = FlowAttribution.start(LocalAddresses.fromSystem(), forFlows);
        if (live != null) {
            attribution.watchSyns(live.device(), live.filter());
        }
        attribution.awaitListeners(LISTENERS_WAIT_MILLIS);
    }

    /** Capture thread: the flow of this decoded packet (null when not TCP/UDP); see {@link #lastFromA()}. */
    FlowOwner observe(PacketSummary s) {
        return attribution.observe(s);
    }

    /** Which end sent the packet {@link #observe} saw last. */
    boolean lastFromA() {
        return attribution.lastFromA();
    }

    /** A hold in front of {@code sink} for packets waiting for their names, or null when the output does not wait. */
    HeldPackets hold(HeldPackets.Sink sink) {
        return holdOutput ? new HeldPackets(HELD_PACKETS, HELD_BYTES, HOLD_MILLIS * 1_000_000L, sink) : null;
    }

    /** The process a packet shows: its sender's when known, else its receiver's; null when neither. */
    static ProcessTag main(FlowOwner owner, boolean fromA) {
        if (owner == null) {
            return null;
        }
        ProcessTag sender = owner.sender(fromA);
        return sender != null ? sender : owner.receiver(fromA);
    }

    /** The other end's process when both ends are named (loopback) and it is another process, else null. */
    static ProcessTag peer(FlowOwner owner, boolean fromA) {
        if (owner == null || owner.sender(fromA) == null) {
            return null;
        }
        ProcessTag receiver = owner.receiver(fromA);
        return receiver != null && receiver.pid() > 0 && receiver.pid() == owner.sender(fromA).pid() ? null : receiver;
    }

    /**
     * The pcapng comments naming a packet's processes ({@code pid 1234 curl}, then {@code peer ...}),
     * rebuilt only when they differ from the previous packet's (most packets repeat them).
     */
    PacketComments commentsFor(FlowOwner owner, boolean fromA) {
        ProcessTag main = main(owner, fromA);
        ProcessTag peer = main == null ? null : peer(owner, fromA);
        if (main == lastMain && peer == lastPeer) {
            return comments;
        }
        lastMain = main;
        lastPeer = peer;
        comments.clear();
        if (main != null) {
            comments.add(main.commentUtf8());
            if (peer != null) {
                comments.add(peer.peerCommentUtf8());
            }
        }
        return comments;
    }

    /**
     * The processes at flow ends, for exported records (any thread: from the attribution's
     * concurrent map). A socket known only by its uid is left out: records carry pids.
     */
    FlowProcesses flowProcesses() {
        if (!forFlows) {
            return FlowProcesses.NONE;
        }
        return (protocol, local, remote) -> {
            FlowOwner o = attribution.ownerOf(FlowKey.of(protocol, local, remote));
            ProcessTag t = o == null ? null : o.of(local);
            return t == null || t.pid() <= 0 ? null : new SocketOwner(t.pid(), t.name(), null);
        };
    }

    /** For the --flows report: the client's process when known, else the server's ("" when neither). */
    String label(FlowRecord f) {
        FlowOwner o = forFlows ? attribution.ownerOf(f) : null;
        if (o == null) {
            return "";
        }
        ProcessTag t = o.of(f.client());
        if (t == null) {
            t = o.of(f.server());
        }
        return t == null ? "" : t.label();
    }

    @Override
    public void close() {
        attribution.close();
    }
}
