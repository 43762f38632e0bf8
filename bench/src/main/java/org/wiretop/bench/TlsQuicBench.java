package org.wiretop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The costly application packets, one at a time through the whole decoder (Ethernet to the
 * handshake): a QUIC Initial decrypted with its Initial keys (RFC 9001 A.2's client Initial: header
 * protection, AES-128-GCM over 1,162 bytes, CRYPTO frames, the ClientHello), and a TLS 1.3
 * ClientHello over TCP (openssl's, 264 bytes). Reports ns per packet and, with {@code -prof gc},
 * bytes allocated per packet ({@code gc.alloc.rate.norm}).
 *
 * <pre>java -jar bench/target/benchmarks.jar TlsQuicBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlsQuicBench {
    /** A TLS 1.3 ClientHello record (openssl s_client: SNI test.example, ALPN h2 and http/1.1). */
    private static final String CLIENT_HELLO = "1603010103010000ff0303382e63f9d7ed8ee21ba4bd4f1f341873dd6a413dfac51089a7"
            + "d1816706419725205cc9419ea9790a89ece6f99fe38c3e9a078a112e81a1acf4771817791c928aed000813021303130100ff"
            + "010000ae00000011000f00000c746573742e6578616d706c65000b000403000102000a00160014001d0017001e001900180100"
            + "0101010201030104002300000010000e000c02683208687474702f312e310016000000170000000d001e001c04030503060308"
            + "0708080809080a080b080408050806040105010601002b0003020304002d00020101003300260024001d00201645eb89ccc603"
            + "6f78108c51e159de0861bd0198f4192c3f709f47c296492217";

    private final Decoder decoder = new Decoder();
    private final PacketSummary summary = new PacketSummary();
    private final LineBuilder json = new LineBuilder(4096);
    private byte[] initial;
    private byte[] clientHello;

    @Setup
    public void setup() throws IOException {
        initial = frame(17, 40000, 443, initialPayload());
        clientHello = frame(6, 51000, 443, HexFormat.of().parseHex(CLIENT_HELLO));
        decoder.decode(Decoder.DLT_EN10MB, initial, initial.length, initial.length, summary);
        if (summary.app == null || !summary.app.name().equals("quic") || summary.status != org.wiretop.decode.Status.OK) {
            throw new IllegalStateException("the RFC 9001 Initial did not decode: " + summary.reasonText());
        }
    }

    /** Header protection, AES-128-GCM, frames and the ClientHello of one Initial. */
    @Benchmark
    public int quicInitial() {
        decoder.decode(Decoder.DLT_EN10MB, initial, initial.length, initial.length, summary);
        return summary.dstPort;
    }

    /** The same, formatted as JSON (the SNI and ALPN come out of the decrypted bytes). */
    @Benchmark
    public int quicInitialJson() {
        decoder.decode(Decoder.DLT_EN10MB, initial, initial.length, initial.length, summary);
        json.setLength(0);
        JsonFormatter.append(summary, json);
        return json.length();
    }

    /** A TLS ClientHello over TCP: records, the hello, its extensions. */
    @Benchmark
    public int tlsClientHello() {
        decoder.decode(Decoder.DLT_EN10MB, clientHello, clientHello.length, clientHello.length, summary);
        return summary.dstPort;
    }

    @Benchmark
    public int tlsClientHelloJson() {
        decoder.decode(Decoder.DLT_EN10MB, clientHello, clientHello.length, clientHello.length, summary);
        json.setLength(0);
        JsonFormatter.append(summary, json);
        return json.length();
    }

    private static byte[] initialPayload() throws IOException {
        try (InputStream in = TlsQuicBench.class.getResourceAsStream("rfc9001-client-initial.hex")) {
            if (in == null) {
                throw new IOException("resource rfc9001-client-initial.hex is missing");
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#")).reduce("", String::concat).strip();
            return HexFormat.of().parseHex(hex);
        }
    }

    /** Ethernet, IPv4 10.0.0.1 → 10.0.0.2 (checksummed), then a UDP or TCP header and the payload. */
    private static byte[] frame(int protocol, int src, int dst, byte[] payload) {
        int l4 = protocol == 17 ? 8 : 20;
        byte[] f = new byte[14 + 20 + l4 + payload.length];
        put16(f, 12, 0x0800);
        f[14] = 0x45;
        put16(f, 16, 20 + l4 + payload.length);
        f[22] = 64;
        f[23] = (byte) protocol;
        f[26] = 10;
        f[29] = 1;
        f[30] = 10;
        f[33] = 2;
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += (f[i] & 0xff) << 8 | (f[i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        put16(f, 24, ~sum & 0xffff);
        put16(f, 34, src);
        put16(f, 36, dst);
        if (protocol == 17) {
            put16(f, 38, 8 + payload.length);
        } else {
            f[34 + 12] = 0x50;
            f[34 + 13] = 0x18;
            put16(f, 34 + 14, 65535);
        }
        System.arraycopy(payload, 0, f, 14 + 20 + l4, payload.length);
        return f;
    }

    private static void put16(byte[] f, int off, int v) {
        f[off] = (byte) (v >>> 8);
        f[off + 1] = (byte) v;
    }
}
