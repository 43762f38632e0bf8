package org.wiretop.tui.model;

/**
 * One row of the Transactions view: a request and its response.
 *
 * @param time          the request's time, as the Packets view writes it
 * @param requestNanos  the request's time (for sorting)
 * @param proto         "DNS" or "HTTP"
 * @param client        the client "addr.port"
 * @param server        the server "addr.port"
 * @param request       {@code GET /path} or {@code A example.org}
 * @param status        {@code 200}, {@code NOERROR}, {@code NXDOMAIN}, ...
 * @param latencyNanos  tshark's {@code dns.time} / {@code http.time}
 * @param requestBytes  the request's size
 * @param responseBytes the response's size
 * @param error         HTTP status 400 or more, or a DNS reply code other than NOERROR
 */
public record TxnRow(String time, long requestNanos, String proto, String client, String server, String request,
                     String status, long latencyNanos, long requestBytes, long responseBytes, boolean error) {
}
