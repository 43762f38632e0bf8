package org.wiretop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The conversation rows of {@code --flows}' report, parsed back (A is the client). */
final class FlowReportRows {
    record Row(int protocol, String a, String b, long framesBA, String bytesBA, long framesAB, String bytesAB,
               String relStart, String duration) {
    }

    private static final Pattern ROW = Pattern.compile(
            "^(\\S+) +<-> +(\\S+) +\\| +(\\d+) +(\\d+ \\w+) \\| +(\\d+) +(\\d+ \\w+) \\| +\\d+ +\\d+ \\w+ \\| +(\\S+) +(\\S+).*");

    private FlowReportRows() {
    }

    /** {@code [::1]:443} as tshark and nfdump write it, {@code ::1:443}. */
    static String plain(String endpoint) {
        return endpoint.startsWith("[") ? endpoint.substring(1).replace("]:", ":") : endpoint;
    }

    static List<Row> parse(String report) {
        List<Row> rows = new ArrayList<>();
        int protocol = 0;
        for (String line : report.split("\n")) {
            if (line.startsWith("TCP Conversations")) {
                protocol = 6;
            } else if (line.startsWith("UDP Conversations")) {
                protocol = 17;
            } else if (line.startsWith("Other IP Conversations")) {
                protocol = -1;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(protocol, plain(m.group(1)), plain(m.group(2)), Long.parseLong(m.group(3)), m.group(4),
                        Long.parseLong(m.group(5)), m.group(6), m.group(7), m.group(8)));
            }
        }
        return rows;
    }
}
