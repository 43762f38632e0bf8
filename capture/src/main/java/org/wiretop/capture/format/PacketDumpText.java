package org.wiretop.capture.format;

import org.wiretop.decode.PacketSummary;

/**
 * Which of a packet's bytes tcpdump's {@code -A}/{@code -x}/{@code -X} dump after its line
 * ({@link HexDump} prints them): from the network header, from the frame's first byte with
 * {@code -xx}/{@code -XX} or after a longjmp, or with {@code --payload} only the TCP or UDP payload.
 */
final class PacketDumpText {
    private PacketDumpText() {
    }

    /**
     * @param end the captured bytes' end in {@code data}
     * @param cut true when the packet's line ended as tcpdump's does when a printer runs out of
     *            bytes (its longjmp): the dump then starts at the first byte, link header included
     */
    static void append(LineBuilder out, TextOptions options, PacketSummary s, byte[] data, int end, boolean cut) {
        int from;
        if (options.payloadOnly()) {
            if (!TextFormatter.hasPayload(s)) {
                return;
            }
            from = s.payloadOffset;
            end = Math.min(end, from + s.payloadLength);
        } else {
            from = options.dumpLink() || cut ? 0 : LinkHeaderText.networkStart(s, data, end);
        }
        if (from >= end) {
            return;
        }
        switch (options.dump()) {
            case HEX_ASCII: HexDump.hexAndAscii(out, data, from, end - from); break;
            case HEX: HexDump.hex(out, "\n\t", data, from, end - from); break;
            default: HexDump.ascii(out, data, from, end - from); break;
        }
    }
}
