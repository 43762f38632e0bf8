package org.wiretop.capture.format;

import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * ARP in tcpdump's words (print-arp.c): {@code ARP, Request who-has 10.0.0.2 tell 10.0.0.1,
 * length 28}; with {@code -v} the hardware and protocol types first
 * ({@code ARP, Ethernet (len 6), IPv4 (len 4), Request who-has ...}); with {@code -e} without
 * the leading {@code ARP, } (the link header named the type).
 */
final class ArpText {
    private ArpText() {
    }

    /**
     * Appends the ARP text; false when the message's addresses were not all captured (tcpdump's
     * printer then gives up the packet: the line is " [|arp]" alone).
     */
    static boolean append(LineBuilder out, PacketSummary s, byte[] d, int end, TextOptions options) {
        int at = networkStart(s);
        if (at + 8 > end || at + 8 + 2 * (d[at + 4] & 0xff) + 2 * (d[at + 5] & 0xff) > end) {
            out.append(" [|arp]");
            return false;
        }
        if (!options.linkHeader()) {
            out.append("ARP, ");
        }
        if (options.verbose() > 0 && at + 6 <= end) {
            int hardware = u16(d, at);
            int protocol = u16(d, at + 2);
            appendHardware(out, hardware).append(" (len ").append(d[at + 4] & 0xff).append("), ");
            String name = EtherTypes.name(protocol);
            if (name == null) {
                out.append("Unknown Protocol (0x").appendHex2(protocol >>> 8).appendHex2(protocol & 0xff).append(')');
            } else {
                out.append(name);
            }
            out.append(" (len ").append(d[at + 5] & 0xff).append("), ");
        }
        switch (s.arpOpcode) {
            case 1:
                out.append("Request who-has ");
                Addresses.appendIpv4(out, s.arpTargetIp);
                if (s.arpTargetMac != 0) {
                    out.append(" (");
                    Addresses.appendMac(out, s.arpTargetMac).append(')');
                }
                out.append(" tell ");
                Addresses.appendIpv4(out, s.arpSenderIp);
                break;
            case 2:
                out.append("Reply ");
                Addresses.appendIpv4(out, s.arpSenderIp).append(" is-at ");
                Addresses.appendMac(out, s.arpSenderMac);
                break;
            case 3:
            case 8:
                out.append(s.arpOpcode == 3 ? "Reverse Request who-is " : "Inverse Request who-is ");
                Addresses.appendMac(out, s.arpTargetMac).append(" tell ");
                Addresses.appendMac(out, s.arpSenderMac);
                break;
            case 4:
                out.append("Reverse Reply ");
                Addresses.appendMac(out, s.arpTargetMac).append(" at ");
                Addresses.appendIpv4(out, s.arpTargetIp);
                break;
            case 9:
                out.append("Inverse Reply ");
                Addresses.appendMac(out, s.arpSenderMac).append(" at ");
                Addresses.appendIpv4(out, s.arpSenderIp);
                break;
            default:
                out.append("Unknown (").append(s.arpOpcode).append(')');
        }
        // tcpdump counts from the ARP header to the end of the frame (Ethernet padding included).
        out.append(", length ").append(s.wireLength - at);
        StatusText.appendSuffix(out, s);
        return true;
    }

    private static LineBuilder appendHardware(LineBuilder out, int type) {
        switch (type) {
            case 1: return out.append("Ethernet");
            case 6: return out.append("TokenRing");
            case 7: return out.append("ArcNet");
            case 15: return out.append("FrameRelay");
            case 23: return out.append("Strip");
            case 24: return out.append("IEEE 1394");
            case 19: return out.append("ATM");
            case 32: return out.append("InfiniBand");
            default: return out.append("Unknown Hardware (").append(type).append(')');
        }
    }

    /** Where the network header starts: the decoder's offset, else the link header's size. */
    static int networkStart(PacketSummary s) {
        if (s.networkOffset >= 0) {
            return s.networkOffset;
        }
        switch (s.linkType) {
            case Decoder.DLT_EN10MB: return 14 + (s.vlanId >= 0 ? 4 : 0) + (s.qinqId >= 0 ? 4 : 0);
            case Decoder.DLT_LINUX_SLL: return 16;
            case Decoder.DLT_LINUX_SLL2: return 20;
            case Decoder.DLT_NULL:
            case Decoder.DLT_LOOP: return 4;
            default: return 0;
        }
    }

    private static int u16(byte[] d, int p) {
        return (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
    }
}
