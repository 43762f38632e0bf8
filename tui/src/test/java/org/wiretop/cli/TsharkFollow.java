package org.wiretop.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * tshark's "Follow Stream" of several streams of one capture in one run
 * ({@code tshark -q -z follow,PROTO,raw,N ...}), decoded: its raw output is one line of hex a
 * chunk, the server's indented by a tab; this gives each stream's client and server bytes.
 */
public final class TsharkFollow {
    /** The bytes each side of a stream sent, as tshark reassembled them. */
    public record Sides(byte[] client, byte[] server) {
    }

    private TsharkFollow() {
    }

    public static Map<Long, Sides> raw(Path capture, String protocol, List<Long> streams) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-q"));
        for (long n : streams) {
            cmd.addAll(List.of("-z", "follow," + protocol + ",raw," + n));
        }
        Map<Long, Sides> out = new HashMap<>();
        String text = CliRunner.run(cmd);
        for (String block : text.split("={67}\n")) {
            int at = block.indexOf("Filter: " + protocol + ".stream eq ");
            if (at < 0) {
                continue;
            }
            long stream = Long.parseLong(block.substring(at).split("\n")[0].replaceAll("\\D", ""));
            ByteArrayOutputStream client = new ByteArrayOutputStream();
            ByteArrayOutputStream server = new ByteArrayOutputStream();
            for (String line : block.split("\n")) {
                if (line.isEmpty() || line.startsWith("Follow:") || line.startsWith("Filter:") || line.startsWith("Node ")) {
                    continue;
                }
                boolean isServer = line.startsWith("\t");
                byte[] bytes = HexFormat.of().parseHex(isServer ? line.substring(1) : line);
                (isServer ? server : client).writeBytes(bytes);
            }
            out.put(stream, new Sides(client.toByteArray(), server.toByteArray()));
        }
        for (long n : streams) {
            out.putIfAbsent(n, new Sides(new byte[0], new byte[0]));
        }
        return out;
    }

    /** tshark's whole text output of one stream in a format (ascii, hex), for exact comparison. */
    static String text(Path capture, String protocol, String format, long stream) throws IOException, InterruptedException {
        return CliRunner.run(List.of("tshark", "-r", capture.toString(), "-q", "-z",
                "follow," + protocol + "," + format + "," + stream));
    }
}
