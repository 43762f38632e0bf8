package org.wiretop.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Capture files for the CLI tests, from hex frames (never copied from the corpus). */
final class TestPcaps {
    /** Ethernet frames: TCP SYN with options, TCP data, UDP, ICMP echo, ARP request, IPv6 UDP, IPv6 TCP. */
    static final String[] FRAMES = {
        "020000000002 020000000001 0800 4500003c00014000400600000a0000010a000002"
            + "c73801bb0000006400000000a002ffff00000000020405b40402080a0000000100000000010303 07",
        "020000000002 020000000001 0800 4500002d00024000400600000a0000010a000002"
            + "c73801bb00000065000000c8501802000000000068656c6c6f",
        "020000000002 020000000001 0800 4500002100034000401100000a0000010a000002 9c40afc8000d0000 6162636465",
        "020000000002 020000000001 0800 4500001c00040000400100000a0000010a000002 0800f7fc00010002",
        "ffffffffffff 020000000001 0806 0001080006040001 020000000001 0a000001 000000000000 0a000002",
        "020000000002 020000000001 86dd 60000000000a1140 fe800000000000000000000000000001"
            + " 20010db8000000000000000000000002 13881770000a0000 6869",
        "020000000002 020000000001 86dd 60000000001406 40 00000000000000000000000000000001"
            + " 00000000000000000000000000000001 1388177000000007000000005002006400000000",
    };

    private TestPcaps() {
    }

    static byte[] hex(String s) {
        String h = s.replaceAll("\\s", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** Writes a microsecond pcap of {@link #FRAMES} (link type EN10MB); returns its length. */
    static long write(Path file) throws IOException {
        return write(file, 1, FRAMES);
    }

    static long write(Path file, int linkType, String... frames) throws IOException {
        int size = 24;
        for (String f : frames) {
            size += 16 + hex(f).length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        int i = 0;
        for (String f : frames) {
            byte[] d = hex(f);
            b.putInt(1_700_000_000 + i).putInt(++i).putInt(d.length).putInt(d.length).put(d);
        }
        Files.write(file, b.array());
        return size;
    }
}
