package org.wiretop.capture;

/**
 * What the pure-Java readers (pcap file, pcap stream, pcapng stream) share: a name, the count
 * of packets handed on, the note left when the input ended inside a record, and a stop flag
 * checked between records. Their counters are tcpdump's for a file: every packet read was
 * captured and received, none dropped.
 */
abstract class RecordSource implements PacketSource {
    protected final String name;
    protected long delivered;
    protected String endNote;
    protected volatile boolean stopped;

    RecordSource(String name) {
        this.name = name;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public CaptureStats stats() {
        return new CaptureStats(delivered, delivered, 0, 0);
    }

    @Override
    public String endNote() {
        return endNote;
    }

    @Override
    public String description() {
        return name;
    }
}
