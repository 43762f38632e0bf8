package org.wiretop.capture;

import java.util.List;

/**
 * One capture device, as tcpdump -D shows it, plus its addresses and link type.
 *
 * @param index       1-based position in the list (tcpdump -D numbering)
 * @param name        device name ("lo", "eth0", "any")
 * @param description libpcap's description, or ""
 * @param flags       "Up", "Running", "Loopback", ... in tcpdump's words
 * @param addresses   addresses as text ("127.0.0.1/8", "::1/128")
 * @param linkType    DLT name ("EN10MB"), or "" when it could not be read (no rights)
 */
public record InterfaceInfo(int index, String name, String description, List<String> flags,
                            List<String> addresses, String linkType) {
}
