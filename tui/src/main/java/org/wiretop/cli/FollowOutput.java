package org.wiretop.cli;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.conv.Endpoint;
import org.wiretop.conv.FollowSink;

/**
 * Writes a followed stream as tshark's {@code -z follow,PROTO,MODE,N} does: for {@code ascii} and
 * {@code hex} its header (a {@code ===} line, {@code Follow:}, {@code Filter:}, {@code Node 0} =
 * the client, {@code Node 1} = the server), one entry a chunk (ascii: the chunk's byte count, then
 * its bytes with non-printing ones as '.', the server's count indented by a tab; hex: 16 bytes a
 * line with the offset counted per side, the server's lines indented) and a closing {@code ===}
 * line; for {@code raw}, the stream's bytes themselves, nothing else. {@code side} keeps one
 * direction only. Each chunk goes out in one write (see {@link LineOutput}).
 */
final class FollowOutput implements FollowSink {
    enum Format { ascii, hex, raw }

    enum Side { both, client, server }

    private static final String SEPARATOR = "===================================================================";
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final LineOutput out;
    private final Format format;
    private final Side side;
    private final String protocol;
    private final long stream;
    private final LineBuilder b = new LineBuilder(1 << 16);
    private final int[] offset = new int[2]; // hex: bytes shown so far, per side (tshark's global_pos)
    private boolean headed;
    private long chunks;

    FollowOutput(LineOutput out, Format format, Side side, String protocol, long stream) {
        this.out = out;
        this.format = format;
        this.side = side;
        this.protocol = protocol;
        this.stream = stream;
    }

    /** Chunks written (of the chosen side). */
    long chunks() {
        return chunks;
    }

    /** The header, once the stream's endpoints are known (or at the end, without them). */
    void header(Endpoint client, Endpoint server) {
        if (headed || format == Format.raw) {
            headed = true;
            return;
        }
        headed = true;
        b.setLength(0);
        b.append('\n').append(SEPARATOR).append('\n');
        b.append("Follow: ").append(protocol).append(',').append(format.name()).append('\n');
        b.append("Filter: ").append(protocol).append(".stream eq ").append(stream).append('\n');
        node(0, client, client);
        node(1, server, client);
        out.write(b);
    }

    private void node(int n, Endpoint e, Endpoint client) {
        b.append("Node ").append(n).append(": ");
        boolean v6 = client != null && client.v6(); // tshark brackets both by the client's family
        if (e != null) {
            if (v6) {
                Addresses.appendIpv6(b.append('['), e.hi(), e.lo()).append(']');
            } else {
                Addresses.appendIpv4(b, (int) e.lo());
            }
        }
        b.append(':').append(e == null ? 0 : e.port()).append('\n');
    }

    /** The closing line (ascii, hex). */
    void footer() {
        if (format != Format.raw) {
            b.setLength(0);
            out.write(b.append(SEPARATOR).append('\n'));
        }
        out.flush();
    }

    @Override
    public void chunk(boolean server, byte[] data, int off, int len, boolean gap) {
        if (side == Side.client && server || side == Side.server && !server) {
            return;
        }
        chunks++;
        b.setLength(0);
        switch (format) {
            case raw:
                b.append(data, off, len);
                break;
            case ascii:
                ascii(server, data, off, len);
                break;
            default:
                hex(server ? "\t" : "", server ? 1 : 0, data, off, len);
                break;
        }
        out.write(b);
    }

    private void ascii(boolean server, byte[] data, int off, int len) {
        if (server) {
            b.append('\t');
        }
        b.append(len).append('\n');
        for (int i = off; i < off + len; i++) {
            int c = data[i] & 0xff;
            b.append(c == '\r' || c == '\n' || (c >= 0x20 && c < 0x7f) ? (char) c : '.');
        }
        b.append('\n');
    }

    /** tshark's follow hex dump: "%08X" offset, two spaces, 16 bytes in two groups of 8, their text. */
    private void hex(String prefix, int who, byte[] data, int off, int len) {
        byte[] line = hexLine;
        int at = offset[who];
        int kk = 0;
        for (int i = 0; i < len; ) {
            if (i % 16 == 0) {
                java.util.Arrays.fill(line, (byte) ' ');
                for (int p = 0; p < 8; p++) {
                    line[p] = UPPER_HEX[(at >>> (28 - 4 * p)) & 0xf];
                }
                kk = 60;
            }
            int v = data[off + i] & 0xff;
            int jj = 10 + 3 * (i % 16) + (i % 16 >= 8 ? 1 : 0);
            line[jj] = HEX[v >>> 4];
            line[jj + 1] = HEX[v & 0xf];
            line[kk++] = (byte) (v >= ' ' && v < 0x7f ? v : '.');
            if (++i % 16 == 8) {
                line[kk++] = ' ';
            }
            if (i % 16 == 0 || i == len) {
                if (line[kk - 1] == ' ') {
                    kk--;
                }
                b.append(prefix).append(line, 0, kk).append('\n');
                at += 16;
            }
        }
        offset[who] += len;
    }

    private final byte[] hexLine = new byte[78];
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
