package org.wiretop.capture.format;

import static org.wiretop.decode.PacketSummary.ETH;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * The link-level words of a line: the interface and direction SLL2 (the "any" device) puts in
 * front ({@code lo    In  IP ...}), and the line of a frame whose network layer is not decoded
 * ({@code 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype Unknown (0x1234), length 60}).
 * Not thread-safe (it caches interface names): one per formatter.
 */
final class LinkText {
    /** Interface names by index, looked up once each ("" = none). */
    private String[] ifNames = new String[16];

    /** SLL2 names the interface and direction, as tcpdump 4.99 does. */
    void appendSll2Prefix(LineBuilder out, PacketSummary s) {
        int start = out.length();
        String name = interfaceName(s.ifIndex);
        if (name != null) {
            out.append(name);
            pad(out, start + 5);
            out.append(' ');
        }
        start = out.length();
        out.append(LinkHeaderText.packetType(s.sllPacketType)); // "?" for a type tcpdump does not name
        pad(out, start + 3);
        out.append(' ');
    }

    private static void pad(LineBuilder out, int to) {
        while (out.length() < to) {
            out.append(' ');
        }
    }

    private String interfaceName(int index) {
        if (index >= 4096) {
            return null;
        }
        if (index >= ifNames.length) {
            ifNames = Arrays.copyOf(ifNames, Math.max(index + 1, ifNames.length * 2));
        }
        String name = ifNames[index];
        if (name == null) {
            try {
                NetworkInterface nif = NetworkInterface.getByIndex(index);
                name = nif == null ? "" : nif.getName();
            } catch (SocketException e) {
                name = "";
            }
            ifNames[index] = name;
        }
        return name.isEmpty() ? null : name;
    }

    /**
     * A frame whose network layer is not decoded. After {@code -e}'s header (which already
     * named the addresses and type) only the status follows. Where tcpdump has no printer for
     * the type it prints the link header and then the payload in hex and ASCII (its
     * default_print), unless {@code -x} or {@code -X} asked for a dump of their own.
     */
    static void appendLinkOnly(LineBuilder out, PacketSummary s, byte[] d, int end, boolean headerPrinted,
                               TextOptions options) {
        if (s.status == Status.UNSUPPORTED && s.layers == 0) {
            out.append("[link-type ").append(s.linkType).append(" not decoded], length ").append(s.wireLength);
            return;
        }
        if (s.layers == 0 && s.status == Status.TRUNCATED) {
            StatusText.appendTruncated(out, s);
            return;
        }
        if (s.status == Status.OK && unknownToTcpdump(s)) {
            if (!headerPrinted) {
                if (s.has(ETH)) {
                    Addresses.appendMac(out, s.ethSrc).append(" > ");
                    Addresses.appendMac(out, s.ethDst).append(", ");
                    EtherTypes.append(out, s.netProtocol).append(", length ").append(s.wireLength).append(": ");
                } else {
                    LinkHeaderText.append(out, s, d, end);
                }
            }
            if (options.dump() != TextOptions.Dump.HEX && options.dump() != TextOptions.Dump.HEX_ASCII) {
                int from = LinkHeaderText.networkStart(s, d, end);
                if (from < end) {
                    HexDump.hexAndAscii(out, d, from, end - from);
                }
            }
            return;
        }
        if (headerPrinted) {
            StatusText.appendSuffix(out, s);
            return;
        }
        if (s.has(ETH)) {
            Addresses.appendMac(out, s.ethSrc).append(" > ");
            Addresses.appendMac(out, s.ethDst).append(", ");
        }
        int type = s.netProtocol >= 0 ? s.netProtocol : s.ethType;
        if (type >= 0 && type < 0x0600 && s.has(ETH)) {
            out.append("802.3");
        } else if (type >= 0) {
            EtherTypes.append(out, type);
        } else {
            out.append("link-type ").append(s.linkType);
        }
        out.append(", length ").append(s.wireLength);
        StatusText.appendSuffix(out, s);
    }

    /**
     * A frame tcpdump hands to its default printer: an EtherType it has no printer for (after
     * Ethernet or Linux cooked headers), or an address family it does not know (BSD null/loop).
     */
    private static boolean unknownToTcpdump(PacketSummary s) {
        switch (s.linkType) {
            case Decoder.DLT_EN10MB:
            case Decoder.DLT_LINUX_SLL:
            case Decoder.DLT_LINUX_SLL2:
                return s.netProtocol > 1500 && !EtherTypes.isTag(s.netProtocol) && !EtherTypes.printedByTcpdump(s.netProtocol);
            default:
                return false;
        }
    }
}
