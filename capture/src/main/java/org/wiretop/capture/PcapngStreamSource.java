package org.wiretop.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pcapng stream (standard input: {@code dumpcap -w - | wiretop read -}) block by block
 * in pure Java, handing each packet on as soon as its block has fully arrived, so a live pipe
 * stays live. Format: draft-ietf-opsawg-pcapng. Every block is
 * <pre>
 * type(4) total_length(4) body(total_length - 12) total_length(4)
 * SHB  0x0A0D0D0A: byte_order_magic(4) major(2) minor(2) section_length(8) options
 * IDB  1: link_type(2) reserved(2) snaplen(4) options (if_tsresol = 9, if_tsoffset = 14)
 * EPB  6: interface_id(4) ts_high(4) ts_low(4) captured_len(4) original_len(4) data(pad 4) options
 * SPB  3: original_len(4) data(pad 4)               (interface 0, no timestamp)
 * PB   2: interface_id(2) drops(2) ts_high(4) ts_low(4) captured_len(4) original_len(4) data options
 * </pre>
 * Each Section Header Block sets the byte order of its section (from its byte-order magic) and
 * starts a new set of interfaces; every other block type is skipped by its length.
 * <p>
 * Every length is untrusted: a block length under 12, not a multiple of 4, beyond
 * {@link #MAX_BLOCK} or unequal to its trailer, a captured length that does not fit in its
 * block, or a packet on an interface the section never described stops the run with a
 * {@link CaptureException} naming the block and the packets read; a stream cut inside a block
 * ends cleanly with an {@link #endNote()}.
 * <p>
 * A source has one link type: the first interface's. An interface of another link type is
 * accepted when it is described, and refused only when a packet on it arrives (so a capture
 * whose extra interfaces stayed silent is still read whole).
 * <p>
 * The SHB and the first IDB are read by {@link #open} so {@link #linkType()} is known before
 * {@link #run}. {@link #stop()} takes effect when the next block arrives or the stream ends.
 */
final class PcapngStreamSource extends RecordSource {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int PB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** The largest packet a classic pcap may hold, plus room for a block's fields and options. */
    static final int MAX_BLOCK = PcapFormat.MAX_RECORD_CAP + (64 << 10);
    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;

    /** What {@link #readBlock} found. */
    private enum Block { END, PACKET, OTHER }

    private final InputStream in;
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    /** Block header: type and length (and for an SHB the byte-order magic). */
    private final byte[] head = new byte[12];
    /** Fixed fields of a block after its header (the longest: EPB and PB, 20 bytes). */
    private final byte[] fixed = new byte[20];
    private final ByteBuffer headView = ByteBuffer.wrap(head);
    private final ByteBuffer fixedView = ByteBuffer.wrap(fixed);
    /** Packet data, then padding, options and trailer; data starts at 0 for the handler. */
    private byte[] buf = new byte[2048];
    private ByteBuffer bufView = ByteBuffer.wrap(buf);
    private ByteOrder order = ByteOrder.BIG_ENDIAN;
    private boolean sawSection;
    private int linkType = -1;
    private int snaplen;
    private long blocks;
    /** Bytes of the current block received so far (for the note when the stream ends inside it). */
    private long blockGot;
    private long packetNanos;
    private int packetWire;
    private int packetCaptured;
    private int packetInterface;
    private final PacketComments comments = new PacketComments();

    private PcapngStreamSource(String name, InputStream in) {
        super(name);
        this.in = in;
    }

    /**
     * Reads up to the first Interface Description Block (blocks until it arrives) and returns a
     * source for the packets. The stream must start with the pcapng magic (the caller peeked it).
     */
    static PcapngStreamSource open(String name, InputStream raw) throws CaptureException {
        InputStream in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
        PcapngStreamSource source = new PcapngStreamSource(name, in);
        try {
            while (source.linkType < 0) {
                // A packet block before any interface fails in readPacket (unknown interface).
                if (source.readBlock() == Block.END) {
                    throw new CaptureException(name + ": the pcapng stream ended before describing an interface"
                            + (source.endNote == null ? "" : " (cut inside block " + source.blocks + ")")
                            + ": no packets to read", true);
                }
            }
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot read: " + e.getMessage(), false, e);
        }
        return source;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snaplen() {
        return snaplen;
    }

    @Override
    public long run(PacketHandler handler, long maxPackets) throws CaptureException {
        long before = delivered;
        try {
            while (!stopped && (maxPackets <= 0 || delivered - before < maxPackets)) {
                Block b = readBlock();
                if (b == Block.END) {
                    break;
                }
                if (b == Block.PACKET) {
                    int packetLinkType = interfaces.get(packetInterface).linkType();
                    if (packetLinkType != linkType) {
                        throw new CaptureException(name + ": packet " + (delivered + 1) + " is on interface " + packetInterface
                                + " of link type " + packetLinkType + ", but the capture's first interface has link type "
                                + linkType + "; wiretop reads one link type at a time: split the capture by interface first"
                                + " (e.g. tshark -r IN -Y 'frame.interface_id == " + packetInterface + "' -w OUT); read "
                                + delivered + " packets", false);
                    }
                    delivered++;
                    handler.onPacket(packetNanos, packetWire, buf, packetCaptured);
                }
            }
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot read: " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            throw HandlerFailure.rethrow(e);
        }
        return delivered - before;
    }

    /**
     * Reads one whole block. A packet block leaves its data at {@code buf[0, packetCaptured)}
     * and its fields in the packet* fields; an SHB or IDB updates the section's state.
     */
    private Block readBlock() throws IOException, CaptureException {
        blocks++;
        blockGot = 0;
        if (!readPart(head, 0, 8, 8)) {
            return Block.END;
        }
        int type = headView.getInt(0);
        if (type == SHB) {
            // The section's byte order is unknown until its magic: read that before the length.
            if (!readPart(head, 8, 4, 12)) {
                return Block.END;
            }
            int magic = headView.order(ByteOrder.BIG_ENDIAN).getInt(8);
            if (magic != BYTE_ORDER_MAGIC && magic != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                throw sawSection ? corrupt("section header without the byte-order magic 1a2b3c4d")
                        : new CaptureException(name + ": not a pcapng stream (no byte-order magic after the pcapng"
                                + " magic): pipe in the output of 'dumpcap -w -', 'tshark -w -' or 'tcpdump -w -'", true);
            }
            setOrder(magic == BYTE_ORDER_MAGIC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            sawSection = true;
        } else if (!sawSection) {
            throw corrupt("the stream does not start with a section header");
        }
        type = headView.getInt(0);
        long length = headView.getInt(4) & 0xffffffffL;
        checkLength(type, length);
        switch (type) {
            case SHB:
                return readSectionHeader(length);
            case IDB:
                return readInterface(length);
            case EPB:
                return readPacket(type, length, 20);
            case SPB:
                return readPacket(type, length, 4);
            case PB:
                return readPacket(type, length, 20);
            default:
                return skip(length);
        }
    }

    private void checkLength(int type, long length) throws CaptureException {
        long least = type == SHB ? 28 : 12;
        if (length < least) {
            throw corrupt("block length " + length + " is less than " + least);
        }
        if (length % 4 != 0) {
            throw corrupt("block length " + length + " is not a multiple of 4");
        }
        if (length > MAX_BLOCK) {
            throw corrupt("block length " + length + " is larger than " + MAX_BLOCK);
        }
    }

    private Block readSectionHeader(long length) throws IOException, CaptureException {
        if (!readPart(fixed, 0, 12, length) || !readRest(length, 12 + 12)) {
            return Block.END;
        }
        int major = fixedView.getShort(0) & 0xffff;
        if (major != 1) {
            throw corrupt("pcapng version " + major + "." + (fixedView.getShort(2) & 0xffff) + " is not 1.x");
        }
        interfaces.clear();
        return Block.OTHER;
    }

    private Block readInterface(long length) throws IOException, CaptureException {
        if (length < 20) {
            throw corrupt("interface description of " + length + " bytes is shorter than 20");
        }
        if (!readPart(fixed, 0, 8, length) || !readRest(length, 8 + 8)) {
            return Block.END;
        }
        PcapngInterface iface;
        try {
            // options end where the trailer begins
            iface = PcapngInterface.read(fixedView, bufView, (int) length - 20, interfaces.size());
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
        interfaces.add(iface);
        if (linkType < 0) {
            linkType = iface.linkType();
            snaplen = iface.snaplen();
        }
        return Block.OTHER;
    }

    /** EPB, SPB or PB: {@code fixedLength} bytes of fields, then the data at buf[0]. */
    private Block readPacket(int type, long length, int fixedLength) throws IOException, CaptureException {
        long room = length - 12 - fixedLength; // bytes for data (with padding) and options
        if (room < 0) {
            throw corrupt("packet block of " + length + " bytes is too short for its " + fixedLength + " bytes of fields");
        }
        if (!readPart(fixed, 0, fixedLength, length) || !readRest(length, 8 + fixedLength)) {
            return Block.END;
        }
        long ticks = 0;
        long wire;
        long captured;
        int iface;
        if (type == SPB) {
            if (interfaces.isEmpty()) {
                throw corrupt("simple packet block, but the section describes no interface");
            }
            iface = 0;
            wire = fixedView.getInt(0) & 0xffffffffL;
            // No captured length in an SPB: what the block holds, at most the interface's snaplen.
            captured = Math.min(Math.min(wire, room), interfaces.get(0).snaplen());
        } else {
            long id = type == PB ? fixedView.getShort(0) & 0xffff : fixedView.getInt(0) & 0xffffffffL;
            iface = id < interfaces.size() ? (int) id : -1;
            if (iface < 0) {
                throw corrupt("packet on interface " + id + ", but the section describes " + interfaces.size()
                        + (interfaces.size() == 1 ? " interface" : " interfaces"));
            }
            ticks = ((fixedView.getInt(4) & 0xffffffffL) << 32) | (fixedView.getInt(8) & 0xffffffffL);
            captured = fixedView.getInt(12) & 0xffffffffL;
            wire = fixedView.getInt(16) & 0xffffffffL;
            if (captured > room) {
                throw corrupt("captured length " + captured + " does not fit in the block (" + room + " bytes)");
            }
        }
        packetInterface = iface;
        comments.clear();
        if (type != SPB) {
            readComments((int) captured, (int) (length - 12 - fixedLength));
        }
        // An SPB has no timestamp: 0, as libpcap gives.
        packetNanos = type == SPB ? 0 : interfaces.get(iface).epochNanos(ticks);
        packetCaptured = (int) captured;
        // The handler's wire length is an int: a larger claim is kept as the largest int.
        packetWire = (int) Math.min(wire, Integer.MAX_VALUE);
        return Block.PACKET;
    }

    /**
     * Keeps the packet's {@code opt_comment}s: options follow the data (padded to 4) up to
     * {@code end}; a malformed option ends the list, as the packet itself is good.
     */
    private void readComments(int captured, int end) {
        int at = (captured + 3) & ~3;
        while (at + 4 <= end) {
            int code = bufView.getShort(at) & 0xffff;
            int optLength = bufView.getShort(at + 2) & 0xffff;
            if (code == OPT_END || at + 4 + optLength > end) {
                return;
            }
            if (code == OPT_COMMENT) {
                comments.add(buf, at + 4, optLength);
            }
            at += 4 + ((optLength + 3) & ~3);
        }
    }

    @Override
    public PacketComments comments() {
        return comments;
    }

    /** Skips a block this reader does not need, through the reused buffer. */
    private Block skip(long length) throws IOException, CaptureException {
        long left = length - 12;
        while (left > 0) {
            int n = (int) Math.min(left, buf.length);
            if (!readPart(buf, 0, n, length)) {
                return Block.END;
            }
            left -= n;
        }
        if (!readPart(fixed, 0, 4, length)) {
            return Block.END;
        }
        checkTrailer(fixedView.getInt(0) & 0xffffffffL, length);
        return Block.OTHER;
    }

    /** Reads the rest of a block ({@code length - done} bytes, trailer last) into buf and checks the trailer. */
    private boolean readRest(long length, int done) throws IOException, CaptureException {
        int rest = (int) (length - done);
        if (buf.length < rest) {
            buf = new byte[Math.max(rest, Math.min(MAX_BLOCK, buf.length * 2))];
            bufView = ByteBuffer.wrap(buf).order(order);
        }
        if (!readPart(buf, 0, rest, length)) {
            return false;
        }
        checkTrailer(bufView.getInt(rest - 4) & 0xffffffffL, length);
        return true;
    }

    private void checkTrailer(long trailer, long length) throws CaptureException {
        if (trailer != length) {
            throw corrupt("block length " + length + " at its start but " + trailer + " at its end");
        }
    }

    /**
     * Reads {@code len} bytes of the current block; false (with the end note set when the
     * block was begun) when the stream ends first.
     */
    private boolean readPart(byte[] b, int off, int len, long blockLength) throws IOException {
        int got = in.readNBytes(b, off, len);
        blockGot += got;
        if (got < len) {
            if (blockGot > 0) {
                endNote = name + ": ends inside block " + blocks + " (" + blockLength + " bytes needed, " + blockGot
                        + " left): the capture was cut short; read " + delivered + " packets";
            }
            return false;
        }
        return true;
    }

    private void setOrder(ByteOrder o) {
        order = o;
        headView.order(o);
        fixedView.order(o);
        bufView.order(o);
    }

    private CaptureException corrupt(String what) {
        return new CaptureException(name + ": block " + blocks + " is corrupt (" + what + "); read " + delivered + " packets", false);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // the stream is finished either way
        }
    }
}
