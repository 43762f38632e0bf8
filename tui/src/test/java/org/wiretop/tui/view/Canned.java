package org.wiretop.tui.view;

import org.wiretop.tui.UiState;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.DetailModel;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.PacketRow;
import org.wiretop.tui.model.ServerRow;
import org.wiretop.tui.model.SocketRow;
import org.wiretop.tui.model.StatusInfo;

import java.util.ArrayList;
import java.util.List;

/** Fixed snapshots for the golden screens (nothing live, nothing time-dependent). */
final class Canned {
    static final int W = 120;
    static final int H = 16;

    private Canned() {
    }

    static StatusInfo status(boolean paused, String banner) {
        return new StatusInfo("lo", "tcp port 12345", "tcp", 1234, 5.5 * 1024 * 1024, 3, 7, 42, paused,
                "12:00:00", banner);
    }

    static List<PacketRow> packets() {
        List<PacketRow> rows = new ArrayList<>();
        rows.add(new PacketRow(40, "12:00:00.000001", "127.0.0.1:52340", "127.0.0.1:12345", "TCP", 76,
                "Flags [S], seq 1, win 65495, options [mss 65495], length 0", PacketRow.Mark.OK));
        rows.add(new PacketRow(41, "12:00:00.000020", "127.0.0.1:12345", "127.0.0.1:52340", "TCP", 76,
                "Flags [S.], seq 9, ack 2, win 65483, length 0", PacketRow.Mark.OK));
        rows.add(new PacketRow(42, "12:00:00.000031", "127.0.0.1:40000", "127.0.0.1:11111", "UDP", 46,
                "UDP, length 4", PacketRow.Mark.OK));
        rows.add(new PacketRow(43, "12:00:00.000040", "10.0.0.1", "10.0.0.2", "ARP", 42,
                "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28", PacketRow.Mark.OK));
        rows.add(new PacketRow(44, "12:00:00.000050", "127.0.0.1:1", "127.0.0.1:2", "TCP", 60,
                "Flags [.] [|tcp]", PacketRow.Mark.TRUNCATED));
        rows.add(new PacketRow(45, "12:00:00.000060", "127.0.0.1", "127.0.0.1", "IPv4", 40,
                "IP [bad-ihl]", PacketRow.Mark.INVALID));
        return rows;
    }

    static List<ConnRow> connections() {
        return List.of(
                new ConnRow("tcp", "127.0.0.1:52340", "127.0.0.1:12345", "4242/java", "ESTABLISHED", 6, 5, 420,
                        380, 1200, 0.05, 0, 0.03, 10, 700),
                new ConnRow("udp", "127.0.0.1:40000", "127.0.0.1:11111", "", "-", 1, 1, 46, 46, 0, -1, 0, -1, -1, 0),
                new ConnRow("tcp", "127.0.0.1:52350", "127.0.0.1:8080", "77/curl", "CLOSED", 5, 4, 2_500_000,
                        1_200_000_000L, 3_000_000, 1.25, 3, -1, -1, 1_000_000));
    }

    static List<SocketRow> sockets() {
        return List.of(
                new SocketRow("tcp", "LISTEN", 0, 128, "127.0.0.1:12345", "0.0.0.0:*", "4242/java", true),
                new SocketRow("tcp", "ESTABLISHED", 0, 0, "127.0.0.1:52340", "127.0.0.1:12345", "4242/java", false),
                new SocketRow("udp6", "UNCONN", 0, 0, "[::1]:5353", "[::]:*", "-", false));
    }

    static List<ServerRow> servers() {
        return List.of(new ServerRow("echo", "tcp", "127.0.0.1:12345", true, 2),
                new ServerRow("hello", "tcp", "127.0.0.1:9000", false, 0),
                new ServerRow("time", "tcp", "127.0.0.1:8888", false, 0),
                new ServerRow("upper", "udp", "127.0.0.1:11111", true, 1),
                new ServerRow("http", "tcp", "127.0.0.1:8080", false, 0));
    }

    static DetailModel detail() {
        byte[] data = new byte[60];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 0x21);
        }
        return new DetailModel("Frame 42: 60 bytes on wire, 60 captured", List.of(
                new DetailModel.Layer("Frame 42 (60 bytes)", List.of("Link type: 1"), 0, 60),
                new DetailModel.Layer("Ethernet II, 00:00:00:00:00:01 > 00:00:00:00:00:02", List.of("Type: 0x0800"), 0, 14),
                new DetailModel.Layer("Internet Protocol Version 4, 127.0.0.1 > 127.0.0.1", List.of("TTL: 64, protocol 6"), 14, 34),
                new DetailModel.Layer("Transmission Control Protocol, 52340 > 12345", List.of("Flags: 0x002 SYN", "Window: 65495"), 34, 54),
                new DetailModel.Layer("pcap4j: [data (6 bytes)]", List.of("Hex stream: 21 28 2f 36 3d 44"), 54, 60)), data);
    }

    static Frame frame(StatusInfo status) {
        return new Frame(status, packets(), detail(), connections(), sockets(), servers(),
                List.of("12:00:00 echo: listening on 127.0.0.1:12345", "12:00:01 echo: #1 connected from 127.0.0.1:52340"),
                "hello wiretop");
    }

    /** A state sized for the canned screen, with list bounds that match the canned rows. */
    static UiState state() {
        UiState s = UiState.initial("lo", "tcp port 12345", W, H).withDisplayFilter("tcp");
        s = s.withPackets(s.packets().withBounds(40, 46));
        s = s.withConnections(s.connections().withBounds(0, 3));
        s = s.withSockets(s.sockets().withBounds(0, 3));
        return s.withServers(s.servers().withBounds(0, 5));
    }
}
