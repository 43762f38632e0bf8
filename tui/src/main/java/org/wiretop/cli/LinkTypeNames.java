package org.wiretop.cli;

import org.pcap4j.core.Pcaps;
import org.wiretop.capture.LibPcap;

/** "EN10MB (Ethernet)" for a DLT number, as tcpdump's banner names it (libpcap's own names). */
final class LinkTypeNames {
    private LinkTypeNames() {
    }

    static String describe(int linkType) {
        try {
            LibPcap.ensureLoaded();
            return Pcaps.dataLinkValToName(linkType) + " (" + Pcaps.dataLinkValToDescription(linkType) + ")";
        } catch (Exception | LinkageError e) {
            return "DLT " + linkType; // libpcap missing or the number unknown to it
        }
    }
}
