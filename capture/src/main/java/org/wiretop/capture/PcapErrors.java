package org.wiretop.capture;

import java.util.List;
import java.util.Locale;

/**
 * Turns libpcap's failures (as pcap4j reports them) into one line that says what to do
 * (design §7). libpcap's return codes from pcap_activate tell the cases apart; the text is
 * kept where it is the most precise explanation (a filter's syntax error).
 */
final class PcapErrors {
    /** pcap_activate() codes (pcap/pcap.h). */
    static final int ERROR_NO_SUCH_DEVICE = -5;
    static final int ERROR_PERM_DENIED = -8;
    static final int ERROR_IFACE_NOT_UP = -9;
    static final int ERROR_PROMISC_PERM_DENIED = -11;

    static final String CAPABILITY_FIX = "run with sudo, or grant the capability: "
            + "sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";

    private PcapErrors() {
    }

    /** Strips pcap4j's wrappers ("Error occurred: ...") and trailing noise from a libpcap message. */
    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "unknown libpcap error";
        }
        String m = message.strip();
        for (String prefix : List.of("Error occurred in pcap_compile: ", "Error occurred: ", "Unexpected error occurred: ")) {
            if (m.startsWith(prefix)) {
                m = m.substring(prefix.length());
            }
        }
        int rc = m.indexOf(" rc=");
        if (rc > 0) {
            m = m.substring(0, rc);
        }
        return m.replace('\n', ' ').strip();
    }

    /** The message for a failed pcap_activate on {@code device}. */
    static CaptureException openFailed(String device, Integer code, String libpcapMessage, List<String> known) {
        String m = clean(libpcapMessage);
        String lower = m.toLowerCase(Locale.ROOT);
        int c = code == null ? 0 : code;
        if (c == ERROR_PERM_DENIED || c == ERROR_PROMISC_PERM_DENIED || lower.contains("permission")
                || lower.contains("operation not permitted")) {
            String what = c == ERROR_PROMISC_PERM_DENIED ? "promiscuous capture on " + device + " needs CAP_NET_ADMIN"
                    : "capture on " + device + " needs root or CAP_NET_RAW";
            return new CaptureException(what + ": " + CAPABILITY_FIX, false);
        }
        if (c == ERROR_NO_SUCH_DEVICE || lower.contains("no such device") || lower.contains("doesn't exist")) {
            return unknownInterface(device, known);
        }
        if (c == ERROR_IFACE_NOT_UP || lower.contains("not up")) {
            return new CaptureException("interface " + device + " is down: bring it up (sudo ip link set " + device + " up)", false);
        }
        return new CaptureException("cannot capture on " + device + ": " + m, false);
    }

    static CaptureException unknownInterface(String device, List<String> known) {
        String choices = known == null || known.isEmpty() ? "" : ": choose one of " + String.join(", ", known);
        return new CaptureException("no interface named '" + device + "'" + choices + " (see 'wiretop interfaces')", true);
    }

    static CaptureException badFilter(String filter, String libpcapMessage) {
        return new CaptureException("bad capture filter '" + filter + "': " + clean(libpcapMessage)
                + " (tcpdump syntax, see 'man pcap-filter')", true);
    }
}
