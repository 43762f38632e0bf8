package org.wiretop.conv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PcapWriter;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Made-up TCP conversations for the analysis and reassembly tests: raw IPv4 frames (link type
 * RAW) between a client 10.0.0.1:40000 and a server 10.0.0.2:80, with sequence numbers relative
 * to each side's initial one, one millisecond apart unless told otherwise. They can be written as
 * a pcap (for tshark) or fed straight to the decoder and analyzer.
 */
public final class TcpFrames {
    public static final int SYN = 2, ACK = 16, FIN = 1, RST = 4, PSH = 8;

    private final List<byte[]> frames = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final List<Integer> captured = new ArrayList<>();
    private long clientIsn = 1_000_000, serverIsn = 5_000_000;
    private long nanos = 1_700_000_000_000_000_000L;
    private int clientPort = 40000;

    public TcpFrames isns(long client, long server) {
        clientIsn = client;
        serverIsn = server;
        return this;
    }

    public int clientPort() {
        return clientPort;
    }

    /** Later frames use this client port (another connection between the same hosts). */
    public TcpFrames clientPort(int port) {
        clientPort = port;
        return this;
    }

    public TcpFrames client(int flags, long seq, long ack, byte[] payload) {
        return frame(true, flags, seq, ack, 1000, payload, -1, 1_000_000);
    }

    public TcpFrames server(int flags, long seq, long ack, byte[] payload) {
        return frame(false, flags, seq, ack, 1000, payload, -1, 1_000_000);
    }

    /** A segment with every detail: direction, flags, relative seq/ack, raw window, payload, window-scale option (-1 none), gap before it. */
    public TcpFrames frame(boolean fromClient, int flags, long seq, long ack, int window, byte[] payload, int wscale,
                           long nanosBefore) {
        byte[] opts = wscale < 0 ? new byte[0] : new byte[] {1, 3, 3, (byte) wscale};
        int tcpLength = 20 + opts.length + payload.length;
        byte[] f = new byte[20 + tcpLength];
        f[0] = 0x45;
        put16(f, 2, f.length);
        f[6] = 0x40;
        f[8] = 64;
        f[9] = 6;
        byte[] a = {10, 0, 0, (byte) (fromClient ? 1 : 2)}, b = {10, 0, 0, (byte) (fromClient ? 2 : 1)};
        System.arraycopy(a, 0, f, 12, 4);
        System.arraycopy(b, 0, f, 16, 4);
        int t = 20;
        put16(f, t, fromClient ? clientPort : 80);
        put16(f, t + 2, fromClient ? 80 : clientPort);
        put32(f, t + 4, (fromClient ? clientIsn : serverIsn) + seq);
        put32(f, t + 8, (flags & ACK) != 0 ? (fromClient ? serverIsn : clientIsn) + ack : 0);
        f[t + 12] = (byte) (((20 + opts.length) / 4) << 4);
        f[t + 13] = (byte) flags;
        put16(f, t + 14, window);
        System.arraycopy(opts, 0, f, t + 20, opts.length);
        System.arraycopy(payload, 0, f, t + 20 + opts.length, payload.length);
        nanos += nanosBefore;
        frames.add(f);
        times.add(nanos);
        captured.add(f.length);
        return this;
    }

    /** The last frame as a capture with a snapshot length cuts it: only its first {@code bytes} bytes of TCP payload kept. */
    public TcpFrames cutLast(int bytes) {
        int last = frames.size() - 1;
        captured.set(last, Math.min(frames.get(last).length, 40 + bytes));
        return this;
    }

    public int size() {
        return frames.size();
    }

    public List<byte[]> frames() {
        return frames;
    }

    public void write(Path pcap) throws IOException {
        try (PcapWriter w = PcapWriter.open(pcap.toString(), Decoder.DLT_RAW, 65535)) {
            for (int i = 0; i < frames.size(); i++) {
                w.write(times.get(i), frames.get(i).length, frames.get(i), captured.get(i));
            }
        } catch (CaptureException e) {
            throw new IOException(e);
        }
    }

    /** Decodes and analyses every frame, handing each to {@code then} (summary valid during the call). */
    public void analyse(ConversationAnalyzer analyzer, PerPacket then) {
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            s.frameNumber = i + 1;
            s.epochNanos = times.get(i);
            decoder.decode(Decoder.DLT_RAW, f, captured.get(i), f.length, s);
            analyzer.analyze(s);
            then.accept(s, f);
        }
    }

    /** What to do with each analysed packet. */
    @FunctionalInterface
    public interface PerPacket {
        void accept(PacketSummary s, byte[] frame);
    }

    private static void put16(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 8);
        f[at + 1] = (byte) v;
    }

    private static void put32(byte[] f, int at, long v) {
        for (int i = 0; i < 4; i++) {
            f[at + i] = (byte) (v >>> (24 - 8 * i));
        }
    }
}
