package org.wiretop.decode;

import org.wiretop.capture.format.LineBuilder;

/**
 * One application protocol above TCP or UDP (design §4b): its decoder, its tcpdump-style text,
 * its Wireshark-style Info and its fields (JSON, display filter, detail view), the way tcpdump
 * keeps a protocol in one {@code print-*.c}. Each protocol lives in a package of its own
 * ({@code decode/dns}, {@code decode/http}, ...) and takes one line of {@link Dissectors}.
 *
 * <p>A flyweight: one instance per protocol per {@link Decoder}, reused for every packet. It keeps
 * offsets into the packet's bytes and small numbers, never copies, and is valid as long as the
 * {@link PacketSummary} that points at it ({@link PacketSummary#app}), i.e. until the next decode.
 * Text is made only by the output methods, which write into a caller's {@link LineBuilder}.
 *
 * <p>Rules: every read goes through a {@link PacketBuf}; running past the captured bytes throws
 * {@link Truncated} (caught by the decoder, or by the printer's entry point); nothing loops
 * without a bound (name compression pointers have a hop limit) and nothing allocates.
 */
public abstract class AppDissector {
    private byte[] data;
    private int start;
    private int end;
    private int length;
    private boolean overTcp;
    private int matchedPort;
    /** {@link #tcpdumpName()}, kept at first use: one virtual call fewer per packet. */
    private String layerName;

    /** Wireshark's protocol name: the display filter's word and the prefix of the JSON keys ("dns"). */
    public abstract String name();

    /** The name in the UI's Proto column ("DNS"); may depend on the packet, as {@link #protocol()}. */
    public abstract String label();

    /**
     * Wireshark's protocol for the current packet, which a display filter's bare name tests:
     * {@link #name()}, unless the protocol has variants sharing its fields (mDNS is {@code mdns}
     * to Wireshark, with {@code dns.*} fields). A constant string, compared by the filter.
     */
    public String protocol() {
        return name();
    }

    /** Every value {@link #protocol()} may take, {@link #name()} first (the filter's protocol names). */
    public String[] protocols() {
        return new String[] {name()};
    }

    /** tcpdump's name for the protocol, as in its truncation mark {@code [|domain]}. */
    public abstract String tcpdumpName();

    /** The fields this protocol reports, in JSON order (Wireshark's names, design §5). */
    public abstract AppField[] fields();

    /** Resets the fields of the last packet, then decodes {@code [start(), end())}. */
    protected abstract void decode(PacketBuf b, PacketSummary s);

    /**
     * Appends tcpdump's text for this message: for TCP what {@code tcpdump -nn} prints after
     * {@code length N} (its own separator included, e.g. {@code ": HTTP: GET / HTTP/1.1"}); for
     * UDP what it prints in place of {@code UDP, length N}. Reads through {@code in}, a view over
     * the captured bytes: a read past them throws {@link Truncated}, and the caller then ends the
     * line with {@code [|name]} as tcpdump does.
     *
     * @param verbose tcpdump's {@code -v} count (0 for none)
     */
    public abstract void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose);

    /**
     * True when tcpdump's printer for this protocol gives up the whole packet when it runs out of
     * bytes (its longjmp, what most 4.99 printers do): {@code -x}/{@code -X}/{@code -A} then dump
     * the packet from its first byte, link header included. False for a printer that ends its
     * line itself (print-domain.c), after which the dumps start at the network header as usual.
     */
    public boolean tcpdumpStopsPacketWhenTruncated() {
        return true;
    }

    /** Appends Wireshark's Info column text ({@code Standard query 0x1234 A example.org}). */
    public abstract void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s);

    /** Called by {@link Dissectors}: points this flyweight at the payload and decodes it. */
    final void dissect(PacketBuf b, int payloadStart, int wireLength, boolean tcp, int port, PacketSummary s) {
        this.data = b.array();
        this.start = payloadStart;
        this.end = b.end();
        this.length = wireLength;
        this.overTcp = tcp;
        this.matchedPort = port;
        if (layerName == null) {
            layerName = tcpdumpName();
        }
        b.enter(layerName);
        decode(b, s);
    }

    /** The packet's bytes (read only through a {@link PacketBuf} or the bounds below). */
    public final byte[] data() {
        return data;
    }

    /** Offset of the payload's first byte in {@link #data()}. */
    public final int start() {
        return start;
    }

    /** Exclusive end of the payload's captured bytes. */
    public final int end() {
        return end;
    }

    /** The payload's length on the wire (tcpdump's {@code length}); may exceed what was captured. */
    public final int length() {
        return length;
    }

    /** True over TCP, false over UDP. */
    public final boolean overTcp() {
        return overTcp;
    }

    /**
     * The port by which the table chose this protocol (a well-known or {@code --decode-as} port,
     * Wireshark's {@code match_uint}), or -1 when a heuristic did: the server's side, so a
     * dissector can tell a request from a response.
     */
    public final int matchedPort() {
        return matchedPort;
    }

    /** A view over the payload's captured bytes for the output methods (points {@code in} at them). */
    public final PacketBuf view(PacketBuf in) {
        in.wrap(data, end, Math.max(end, start + length));
        in.enter(tcpdumpName());
        return in;
    }
}
