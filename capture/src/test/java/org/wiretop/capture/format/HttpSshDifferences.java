package org.wiretop.capture.format;

import java.util.Map;

/**
 * Why tshark legitimately shows other HTTP or SSH values than our per-packet decode, each reason
 * decided from the packet's own decode (our JSON), never from a file's name. Used by
 * {@link AppOracleTest#knownDifference}.
 */
final class HttpSshDifferences {
    private HttpSshDifferences() {
    }

    static String reason(String field, String theirs, String ours, Map<String, String> mine) {
        if (!field.startsWith("http.") && !field.startsWith("ssh.")) {
            return null;
        }
        if (ours.isEmpty() && tunnel(mine)) {
            return "tshark follows a UDP tunnel (Geneve 6081, VXLAN 4789) to an inner TCP segment; we stop at the outer UDP";
        }
        if (theirs.isEmpty() && field.startsWith("http.") && bodyGoesOn(mine)) {
            return "the message's body goes on past this segment (Content-Length > tcp.len): tshark reassembles it"
                    + " and shows the message on its last segment";
        }
        return null;
    }

    private static boolean tunnel(Map<String, String> mine) {
        for (String port : new String[] {mine.get("udp.srcport"), mine.get("udp.dstport")}) {
            if ("6081".equals(port) || "4789".equals(port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean bodyGoesOn(Map<String, String> mine) {
        String length = mine.get("http.content_length_header");
        String segment = mine.get("tcp.len");
        if (length == null || segment == null || !length.strip().matches("\\d{1,18}")) {
            return false;
        }
        return Long.parseLong(length.strip()) > Long.parseLong(segment);
    }
}
