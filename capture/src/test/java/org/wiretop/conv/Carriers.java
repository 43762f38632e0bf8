package org.wiretop.conv;

import org.wiretop.decode.PacketSummary;

/**
 * Packets that carry another packet tshark decodes and we do not (tunnels, PIM registers, sFlow
 * samples, OpenFlow packet-ins): tshark numbers and follows the conversations inside them too,
 * so its stream counts and followed bytes may differ from ours there and after. Decided from the
 * packet, for the oracle tests' known differences.
 */
public final class Carriers {
    private Carriers() {
    }

    public static boolean carries(PacketSummary s) {
        switch (s.transportProtocol) {
            case 4: case 41: case 47: case 97: case 103: case 115: // IP-in-IP, IPv6, GRE, EtherIP, PIM, L2TPv3
                return true;
            default:
                break;
        }
        if (s.netProtocol == 0x88e5 || s.netProtocol == 0x894f) { // MACsec, NSH
            return true;
        }
        if (s.has(PacketSummary.UDP)) {
            return isAny(s, 4789, 8472, 6081, 6343, 2152, 1701, 3544); // VXLAN, Geneve, sFlow, GTP-U, L2TP, Teredo
        }
        return s.has(PacketSummary.TCP) && isAny(s, 6653, 6633); // OpenFlow
    }

    private static boolean isAny(PacketSummary s, int... ports) {
        for (int p : ports) {
            if (s.srcPort == p || s.dstPort == p) {
                return true;
            }
        }
        return false;
    }
}
