package org.wiretop.cli;

import org.pcap4j.core.Pcaps;
import org.wiretop.capture.LibPcap;

/**
 * "EN10MB (Ethernet)" for a DLT number, as tcpdump's banner names it. The link types wiretop
 * decodes are named from a table, so reading a file never loads libpcap just for its banner
 * (that costs ~0.3 s of start-up); other numbers ask libpcap.
 */
final class LinkTypeNames {
    private LinkTypeNames() {
    }

    static String describe(int linkType) {
        switch (linkType) {
            case 0: return "NULL (BSD loopback)";
            case 1: return "EN10MB (Ethernet)";
            case 12: return "RAW (Raw IP)";
            case 101: return "RAW (Raw IP)";
            case 108: return "LOOP (OpenBSD loopback)";
            case 113: return "LINUX_SLL (Linux cooked v1)";
            case 228: return "IPV4 (Raw IPv4)";
            case 229: return "IPV6 (Raw IPv6)";
            case 276: return "LINUX_SLL2 (Linux cooked v2)";
            default:
                break;
        }
        try {
            LibPcap.ensureLoaded();
            return Pcaps.dataLinkValToName(linkType) + " (" + Pcaps.dataLinkValToDescription(linkType) + ")";
        } catch (Exception | LinkageError e) {
            return "DLT " + linkType; // libpcap missing or the number unknown to it
        }
    }
}
