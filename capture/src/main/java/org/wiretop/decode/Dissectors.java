package org.wiretop.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.wiretop.decode.dhcp.Dhcp;
import org.wiretop.decode.dns.Dns;
import org.wiretop.decode.http.Http;
import org.wiretop.decode.ntp.Ntp;
import org.wiretop.decode.quic.Quic;
import org.wiretop.decode.resp.Resp;
import org.wiretop.decode.ssh.Ssh;
import org.wiretop.decode.text.LineText;
import org.wiretop.decode.tls.Tls;

/**
 * The dissector table (design §4b rule 7): which application protocol a TCP or UDP payload
 * carries. The rows below are every protocol wiretop dissects, one line each, in priority order;
 * a payload is matched by, first to last:
 * <ol>
 *   <li>{@code --decode-as PORT=PROTO} ({@link DecodeAs}), on either port;</li>
 *   <li>a well-known port of a row, on either port; when both ports belong to rows, the row that
 *       tcpdump prints on its port wins, then the first row (tcpdump's rule: it tries each
 *       protocol against both ports in a fixed order, which the rows follow: RESP, SSH, HTTP, DNS);</li>
 *   <li>a row's heuristic on the payload's first bytes, rows in order.</li>
 * </ol>
 * A packet matched by a port on which tcpdump itself prints the protocol (or by a decode-as that
 * tcpdump's {@code -T} knows) is printed as tcpdump prints it; any other match keeps tcpdump's
 * line and adds our text after it ({@link PacketSummary#appNative}).
 *
 * <p>One instance per {@link Decoder}: it owns one flyweight per protocol, made on first use.
 */
public final class Dissectors {
    /** A cheap test of a payload's first bytes; must check {@link PacketBuf#has} before it reads. */
    @FunctionalInterface
    interface Heuristic {
        boolean test(PacketBuf b, int off);
    }

    /** A heuristic and the first bytes it can accept at all (what lets most payloads skip every test). */
    private record Guess(IntPredicate firstByte, Heuristic test) {
    }

    /**
     * One protocol: its name (Wireshark's), its flyweight's factory, its UDP and TCP ports, the
     * ports where tcpdump prints it, whether tcpdump's {@code -T} knows it, its TCP and UDP heuristics.
     */
    private record Row(String name, Supplier<AppDissector> factory, int[] udp, int[] tcp, int[] tcpdump,
                       boolean tcpdumpT, Guess tcpHeuristic, Guess udpHeuristic) {
    }

    //  name    factory    UDP ports                  TCP ports        tcpdump prints on    -T     TCP / UDP heuristic
    private static final List<Row> ROWS = List.of(
            new Row("resp", Resp::new, ports(), ports(6379), ports(6379), true, null, null),
            new Row("ssh", Ssh::new, ports(), ports(22), ports(22), false,
                    new Guess(Ssh::mayStartWith, Ssh::looksLike), null),
            new Row("http", Http::new, ports(), ports(80, 3128, 8000, 8080, 8088), ports(80, 8080), false,
                    new Guess(Http::mayStartWith, Http::looksLike), null),
            new Row("ssdp", Http::ssdp, ports(1900), ports(), ports(), false, null, null),
            new Row("dns", Dns::new, ports(53, 5353, 5355), ports(53), ports(53, 5353), true, null,
                    new Guess(c -> true, Dns::looksLike)),
            new Row("dhcp", Dhcp::new, ports(67, 68), ports(), ports(67, 68), false, null, null),
            new Row("ntp", Ntp::new, ports(123), ports(), ports(123), false, null, null),
            new Row("tls", Tls::new, ports(), ports(443, 853, 8443), ports(), false,
                    new Guess(Tls::mayStartWith, Tls::looksLike), null),
            new Row("quic", Quic::new, ports(443), ports(), ports(), false, null,
                    new Guess(Quic::mayStartWith, Quic::looksLike)),
            // text has no port and no heuristic: only --decode-as (and the UI's built-in servers) choose it
            new Row("text", LineText::new, ports(), ports(), ports(), false, null, null));

    /** {@link #ROWS} as an array, for the per-packet lookup. */
    private static final Row[] ROW_ARRAY = ROWS.toArray(new Row[0]);
    private static final List<String> NAMES = names(ROWS);
    /** The bits of a port map entry that hold its row index + 1 (0 = none). */
    private static final int ROW = 0x3f;
    /** Marks a port map entry on which tcpdump prints the entry's row. */
    private static final int NATIVE = 0x40;
    /** Marks a port map entry made by --decode-as. */
    private static final int DECODE_AS = 0x80;
    /**
     * Port → row index + 1 with the {@link #NATIVE} bit, per transport; the first row to claim a
     * port keeps it. One load answers both "which row" and "does tcpdump print it here".
     */
    private static final byte[] UDP_PORTS = portMap(false), TCP_PORTS = portMap(true);
    /** The rows with a heuristic, per transport, in table order: a plain array walk per payload. */
    private static final int[] TCP_HEURISTIC_ROWS = heuristicRows(true), UDP_HEURISTIC_ROWS = heuristicRows(false);
    private static final Heuristic[] TCP_HEURISTICS = heuristics(TCP_HEURISTIC_ROWS, true),
            UDP_HEURISTICS = heuristics(UDP_HEURISTIC_ROWS, false);
    /** First byte → whether any heuristic of the transport can accept a payload starting with it. */
    private static final boolean[] TCP_FIRST_BYTES = firstBytes(TCP_HEURISTIC_ROWS, true),
            UDP_FIRST_BYTES = firstBytes(UDP_HEURISTIC_ROWS, false);

    private final AppDissector[] instances = new AppDissector[ROWS.size()];
    private final byte[] udpPorts;
    private final byte[] tcpPorts;
    /**
     * One past the highest port each map claims: every port above reads that entry (0), so an
     * ephemeral port costs a load from one cache line rather than from anywhere in 64 KiB.
     */
    private final int udpPastLast, tcpPastLast;

    public Dissectors(DecodeAs decodeAs) {
        if (decodeAs.size() == 0) {
            udpPorts = UDP_PORTS; // shared and never written: no choices to add
            tcpPorts = TCP_PORTS;
        } else {
            udpPorts = UDP_PORTS.clone();
            tcpPorts = TCP_PORTS.clone();
            for (int i = 0; i < decodeAs.size(); i++) {
                int row = NAMES.indexOf(decodeAs.protocol(i));
                udpPorts[decodeAs.port(i)] = (byte) (DECODE_AS | (row + 1)); // tcpdump's -T decides NATIVE here
                tcpPorts[decodeAs.port(i)] = (byte) (DECODE_AS | (row + 1));
            }
        }
        udpPastLast = pastLast(udpPorts);
        tcpPastLast = pastLast(tcpPorts);
    }

    private static int pastLast(byte[] map) {
        int last = map.length - 2; // the map's last entry (index 65536) stays 0
        while (last >= 0 && map[last] == 0) {
            last--;
        }
        return last + 1;
    }

    /** Every protocol's name, in table order (for --decode-as, help and display filters). */
    public static List<String> names() {
        return NAMES;
    }

    /** A fresh flyweight of every protocol, in table order (for field lists: filters, docs). */
    public static List<AppDissector> prototypes() {
        List<AppDissector> all = new ArrayList<>();
        for (Row r : ROWS) {
            all.add(r.factory.get());
        }
        return all;
    }

    /**
     * Picks the protocol of the payload at {@code s.payloadOffset} ({@code wireLength} bytes on
     * the wire; an empty one goes by port only) and decodes it; leaves {@link PacketSummary#app}
     * null when none fits. A dissector must expect an empty or short payload.
     */
    void dissect(PacketBuf b, PacketSummary s, int wireLength, boolean tcp) {
        byte[] map = tcp ? tcpPorts : udpPorts;
        int pastLast = tcp ? tcpPastLast : udpPastLast;
        int a = map[Math.min(s.srcPort, pastLast)] & 0xff, c = map[Math.min(s.dstPort, pastLast)] & 0xff;
        int ra = a & ROW, rc = c & ROW;
        int chosen;
        int port;
        boolean decodeAs = ((a | c) & DECODE_AS) != 0;
        if (decodeAs) {
            boolean source = (a & DECODE_AS) != 0;
            chosen = source ? ra : rc;
            port = source ? s.srcPort : s.dstPort;
        } else if (ra != 0 && rc != 0 && ra != rc) {
            boolean source = preferSource(a, c, ra, rc);
            chosen = source ? ra : rc;
            port = source ? s.srcPort : s.dstPort;
        } else {
            chosen = ra | rc;
            // both ports of one row: the lower is the server's, as Wireshark tries it first
            port = a == 0 ? s.dstPort : c == 0 ? s.srcPort : Math.min(s.srcPort, s.dstPort);
        }
        int row = chosen - 1;
        boolean byPort = row >= 0;
        if (!byPort) {
            if (wireLength == 0 || !tcp && (s.srcPort < 1024 || s.dstPort < 1024)) {
                return; // a UDP well-known port belongs to its own protocol (NetBIOS, SNMP, ...) in Wireshark
            }
            row = heuristic(b, s.payloadOffset, tcp);
            if (row < 0) {
                return;
            }
            port = -1;
        }
        Row r = ROW_ARRAY[row];
        AppDissector d = instances[row];
        if (d == null) {
            d = instances[row] = r.factory.get();
        }
        s.app = d;
        s.appNative = decodeAs ? r.tcpdumpT
                : byPort && (ra == chosen && (a & NATIVE) != 0 || rc == chosen && (c & NATIVE) != 0);
        d.dissect(b, s.payloadOffset, wireLength, tcp, port, s);
    }

    /**
     * Two rows claim the two ports (map entries {@code a} the source's, {@code c} the
     * destination's, rows {@code ra}, {@code rc}): the one tcpdump prints on its port wins (so its
     * line stays tcpdump's), then the earlier row.
     */
    private static boolean preferSource(int a, int c, int ra, int rc) {
        boolean sourceNative = (a & NATIVE) != 0;
        if (sourceNative != ((c & NATIVE) != 0)) {
            return sourceNative;
        }
        return ra < rc;
    }

    private static int heuristic(PacketBuf b, int off, boolean tcp) {
        if (!b.has(off, 1) || !(tcp ? TCP_FIRST_BYTES : UDP_FIRST_BYTES)[b.u8(off)]) {
            return -1; // every heuristic reads its first byte: none can accept this payload
        }
        Heuristic[] tests = tcp ? TCP_HEURISTICS : UDP_HEURISTICS;
        for (int i = 0; i < tests.length; i++) {
            if (tests[i].test(b, off)) {
                return (tcp ? TCP_HEURISTIC_ROWS : UDP_HEURISTIC_ROWS)[i];
            }
        }
        return -1;
    }

    /** True when tcpdump prints the row's protocol on this port of this transport. */
    private static boolean tcpdumpPrints(Row r, boolean tcp, int port) {
        return contains(r.tcpdump, port) && contains(tcp ? r.tcp : r.udp, port);
    }

    private static boolean contains(int[] ports, int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static int[] ports(int... ports) {
        return ports;
    }

    private static byte[] portMap(boolean tcp) {
        byte[] map = new byte[65536 + 1]; // every port, and an entry past them (see pastLast)
        for (int i = ROWS.size() - 1; i >= 0; i--) { // backwards, so the first row wins a shared port
            Row r = ROWS.get(i);
            for (int port : tcp ? r.tcp : r.udp) {
                map[port] = (byte) (i + 1 | (tcpdumpPrints(r, tcp, port) ? NATIVE : 0));
            }
        }
        return map;
    }

    private static int[] heuristicRows(boolean tcp) {
        return IntStream.range(0, ROWS.size())
                .filter(i -> (tcp ? ROWS.get(i).tcpHeuristic : ROWS.get(i).udpHeuristic) != null).toArray();
    }

    private static Heuristic[] heuristics(int[] rows, boolean tcp) {
        Heuristic[] tests = new Heuristic[rows.length];
        for (int i = 0; i < rows.length; i++) {
            tests[i] = guess(rows[i], tcp).test;
        }
        return tests;
    }

    private static boolean[] firstBytes(int[] rows, boolean tcp) {
        boolean[] may = new boolean[256];
        for (int row : rows) {
            for (int c = 0; c < may.length; c++) {
                may[c] |= guess(row, tcp).firstByte.test(c);
            }
        }
        return may;
    }

    private static Guess guess(int row, boolean tcp) {
        return tcp ? ROWS.get(row).tcpHeuristic : ROWS.get(row).udpHeuristic;
    }

    private static List<String> names(List<Row> rows) {
        List<String> names = new ArrayList<>();
        for (Row r : rows) {
            names.add(r.name);
        }
        return Collections.unmodifiableList(names);
    }
}
