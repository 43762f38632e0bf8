package org.wiretop.tui;

import org.pcap4j.packet.Packet;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.DataLinkType;
import org.pcap4j.packet.namednumber.EtherType;
import org.wiretop.capture.format.Addresses;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.Status;
import org.wiretop.tui.model.DetailModel;
import org.wiretop.tui.model.DetailModel.Layer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a packet's {@link DetailModel}: our decoder's layers with their fields and byte ranges
 * (the application protocol's too, see {@link AppLayer}), then pcap4j's full decode for the
 * layers ours does not cover (options, link types we do not handle). UI thread, on demand, for
 * one packet at a time.
 */
public final class DetailBuilder {
    private final DecodeChoices.Follower decoders;
    private final AppLayer app = new AppLayer();
    private java.util.function.Function<PacketSummary, List<String>> processes = s -> List.of();

    public DetailBuilder() {
        this(DecodeChoices.none());
    }

    public DetailBuilder(DecodeChoices choices) {
        this.decoders = choices.follower();
    }

    /** Where the processes behind a packet are named (live: the flow's owners), for the frame layer. */
    public void setProcesses(java.util.function.Function<PacketSummary, List<String>> processes) {
        this.processes = processes;
    }

    public DetailModel build(RawPacket p) {
        PacketSummary s = new PacketSummary();
        s.frameNumber = p.frameNumber();
        s.epochNanos = p.epochNanos();
        byte[] d = p.data();
        decoders.decoder().decode(p.linkType(), d, d.length, p.wireLength(), s);
        List<Layer> layers = new ArrayList<>();
        int end = d.length;
        String title = "Frame " + p.frameNumber() + ": " + p.wireLength() + " bytes on wire, " + d.length + " captured";
        List<String> frame = new ArrayList<>();
        frame.add("Arrival time: " + Instant.ofEpochSecond(0, p.epochNanos()));
        frame.add("Link type: " + p.linkType() + (Decoder.supports(p.linkType()) ? "" : " (not decoded by wiretop)"));
        frame.add("Decode status: " + s.status + (s.reason.isEmpty() ? "" : " (" + s.reason + ")"));
        for (String process : processes.apply(s)) {
            frame.add("Process: " + process);
        }
        for (String comment : p.comments()) {
            frame.add("Comment: " + comment);
        }
        layers.add(new Layer("Frame " + p.frameNumber() + " (" + d.length + " bytes)", frame, 0, end));
        int net = s.networkOffset >= 0 ? s.networkOffset : end;
        if (net > 0) {
            layers.add(new Layer(linkTitle(s), linkFields(s), 0, net));
        }
        int tr = s.transportOffset >= 0 ? s.transportOffset : (s.payloadOffset >= 0 ? s.payloadOffset : end);
        if (s.has(PacketSummary.IP4) || s.has(PacketSummary.IP6) || s.has(PacketSummary.ARP)) {
            layers.add(new Layer(networkTitle(s), networkFields(s), net, Math.max(net, Math.min(tr, end))));
        }
        int covered = s.networkOffset >= 0 ? tr : 0;
        if (s.transportOffset >= 0) {
            int pay = s.payloadOffset >= 0 ? s.payloadOffset : end;
            layers.add(new Layer(transportTitle(s), transportFields(s), s.transportOffset, Math.max(s.transportOffset, Math.min(pay, end))));
            covered = Math.min(pay, end);
            if (s.payloadOffset >= 0 && PacketRows.hasApp(s)) {
                Layer a = app.layer(s);
                layers.add(a);
                covered = Math.max(covered, a.to());
            } else if (s.payloadOffset >= 0 && s.payloadLength > 0) {
                int to = Math.min(end, s.payloadOffset + s.payloadLength);
                layers.add(new Layer("Data (" + s.payloadLength + " bytes)", List.of(preview(d, s.payloadOffset, to)),
                        s.payloadOffset, to));
                covered = to;
            }
        }
        layers.addAll(pcap4jLayers(p, s, covered));
        return new DetailModel(title, List.copyOf(layers), d);
    }

    /**
     * pcap4j's decode of the bytes from {@code covered} on (from the network layer when our
     * decoder found it, else the whole frame by link type); only layers starting at or after
     * {@code covered} are returned, so nothing is listed twice.
     */
    static List<Layer> pcap4jLayers(RawPacket p, PacketSummary s, int covered) {
        List<Layer> out = new ArrayList<>();
        byte[] d = p.data();
        try {
            Packet pk;
            int offset;
            if (s.networkOffset >= 0 && s.netProtocol >= 0 && s.networkOffset < d.length) {
                offset = s.networkOffset;
                pk = PacketFactories.getFactory(Packet.class, EtherType.class)
                        .newInstance(d, offset, d.length - offset, EtherType.getInstance((short) s.netProtocol));
            } else {
                offset = 0;
                pk = PacketFactories.getFactory(Packet.class, DataLinkType.class)
                        .newInstance(d, 0, d.length, DataLinkType.getInstance(p.linkType()));
            }
            for (; pk != null && offset <= d.length; pk = pk.getPayload()) {
                Packet.Header h = pk.getHeader();
                int len = h != null ? h.length() : pk.length();
                if (offset >= covered && len > 0) {
                    String text = h != null ? h.toString() : pk.toString();
                    List<String> lines = new ArrayList<>();
                    String first = null;
                    for (String line : text.split("\\R")) {
                        if (line.isBlank()) {
                            continue;
                        }
                        if (first == null) {
                            first = line.strip();
                        } else {
                            lines.add(line.strip());
                        }
                    }
                    out.add(new Layer("pcap4j: " + (first == null ? pk.getClass().getSimpleName() : first), lines,
                            offset, Math.min(d.length, offset + len)));
                }
                offset += len;
                if (h == null) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            out.add(new Layer("pcap4j: could not decode (" + e.getClass().getSimpleName() + ")", List.of(), covered, covered));
        }
        return out;
    }

    private static String linkTitle(PacketSummary s) {
        if (s.has(PacketSummary.ETH)) {
            return "Ethernet II, " + Addresses.mac(s.ethSrc) + " > " + Addresses.mac(s.ethDst);
        }
        if (s.has(PacketSummary.SLL)) {
            return s.linkType == Decoder.DLT_LINUX_SLL2 ? "Linux cooked capture v2" : "Linux cooked capture";
        }
        if (s.has(PacketSummary.NULL_LOOP)) {
            return "Null/Loopback";
        }
        return "Link layer";
    }

    private static List<String> linkFields(PacketSummary s) {
        List<String> f = new ArrayList<>();
        if (s.has(PacketSummary.ETH)) {
            f.add("Source: " + Addresses.mac(s.ethSrc));
            f.add("Destination: " + Addresses.mac(s.ethDst));
            f.add(String.format("Type: 0x%04x", s.ethType));
        }
        if (s.vlanId >= 0) {
            f.add("802.1Q VLAN: " + s.vlanId);
        }
        if (s.qinqId >= 0) {
            f.add("802.1ad S-VLAN: " + s.qinqId);
        }
        if (s.sllPacketType >= 0) {
            f.add("Packet type: " + switch (s.sllPacketType) {
                case PacketSummary.SLL_HOST -> "to us (0)";
                case PacketSummary.SLL_BROADCAST -> "broadcast (1)";
                case PacketSummary.SLL_MULTICAST -> "multicast (2)";
                case PacketSummary.SLL_OTHERHOST -> "to another host (3)";
                case PacketSummary.SLL_OUTGOING -> "sent by us (4)";
                default -> Integer.toString(s.sllPacketType);
            });
        }
        if (s.ifIndex >= 0) {
            f.add("Interface index: " + s.ifIndex);
        }
        if (s.netProtocol >= 0) {
            f.add(String.format("Protocol: 0x%04x", s.netProtocol));
        }
        return f;
    }

    private static String networkTitle(PacketSummary s) {
        if (s.has(PacketSummary.ARP)) {
            return "ARP, " + (s.arpOpcode == 1 ? "request" : s.arpOpcode == 2 ? "reply" : "opcode " + s.arpOpcode);
        }
        if (s.has(PacketSummary.IP4)) {
            return "Internet Protocol Version 4, " + Addresses.ipv4(s.ip4Src) + " > " + Addresses.ipv4(s.ip4Dst);
        }
        return "Internet Protocol Version 6, " + Addresses.ipv6(s.ip6SrcHi, s.ip6SrcLo) + " > " + Addresses.ipv6(s.ip6DstHi, s.ip6DstLo);
    }

    private static List<String> networkFields(PacketSummary s) {
        List<String> f = new ArrayList<>();
        if (s.has(PacketSummary.ARP)) {
            f.add("Sender: " + Addresses.mac(s.arpSenderMac) + " " + Addresses.ipv4(s.arpSenderIp));
            f.add("Target: " + Addresses.mac(s.arpTargetMac) + " " + Addresses.ipv4(s.arpTargetIp));
        } else if (s.has(PacketSummary.IP4)) {
            f.add("Header length: " + s.ipHeaderLength + " bytes");
            f.add("Total length: " + s.ipTotalLength);
            f.add("Identification: " + s.ipId);
            f.add("Flags: " + (s.ipDf ? "DF " : "") + (s.ipMf ? "MF" : "") + ", fragment offset " + s.ipFragOffset);
            f.add("TTL: " + s.ipTtl + ", protocol " + s.ipProto + ", TOS 0x" + Integer.toHexString(Math.max(0, s.ipTos)));
            f.add("Header checksum: " + (s.ipChecksumOk() ? "correct" : "not verified/incorrect"));
        } else if (s.has(PacketSummary.IP6)) {
            f.add("Payload length: " + s.ip6PayloadLength);
            f.add("Next header: " + s.ip6NextHeader + ", hop limit " + s.ip6HopLimit);
            f.add("Flow label: 0x" + Integer.toHexString(Math.max(0, s.ip6FlowLabel)) + ", traffic class " + s.ip6TrafficClass);
            if (s.ip6Fragment) {
                f.add("Fragment: offset " + s.ip6FragOffset + (s.ip6Mf ? ", more" : "") + ", id " + s.ip6FragId);
            }
        }
        if (s.status != Status.OK && !s.reason.isEmpty()) {
            f.add("Status: " + s.status + " " + s.reason);
        }
        return f;
    }

    private static String transportTitle(PacketSummary s) {
        if (s.has(PacketSummary.TCP)) {
            return "Transmission Control Protocol, " + s.srcPort + " > " + s.dstPort;
        }
        if (s.has(PacketSummary.UDP)) {
            return "User Datagram Protocol, " + s.srcPort + " > " + s.dstPort;
        }
        if (s.has(PacketSummary.ICMP)) {
            return "Internet Control Message Protocol, type " + s.icmpType + " code " + s.icmpCode;
        }
        if (s.has(PacketSummary.ICMP6)) {
            return "ICMPv6, type " + s.icmpType + " code " + s.icmpCode;
        }
        return "Transport protocol " + s.transportProtocol;
    }

    private static List<String> transportFields(PacketSummary s) {
        List<String> f = new ArrayList<>();
        if (s.has(PacketSummary.TCP)) {
            f.add("Sequence number: " + s.tcpSeq + ", acknowledgment " + s.tcpAck);
            f.add("Flags: " + tcpFlags(s.tcpFlags));
            f.add("Window: " + s.tcpWindow + ", header length " + s.tcpHeaderLength + ", urgent " + s.tcpUrgent);
            if (s.tcpMss >= 0) {
                f.add("Option MSS: " + s.tcpMss);
            }
            if (s.tcpWindowScale >= 0) {
                f.add("Option window scale: " + s.tcpWindowScale);
            }
            if (s.tcpHasTimestamps) {
                f.add("Option timestamps: val " + s.tcpTsVal + ", ecr " + s.tcpTsEcr);
            }
            if (s.tcpSackPermitted) {
                f.add("Option SACK permitted");
            }
            f.add("Payload length: " + s.tcpPayloadLength);
        } else if (s.has(PacketSummary.UDP)) {
            f.add("Length: " + s.udpLength + ", payload " + s.udpPayloadLength);
        } else if (s.icmpType >= 0) {
            f.add("Type: " + s.icmpType + ", code " + s.icmpCode);
            if (s.icmpId >= 0) {
                f.add("Identifier: " + s.icmpId + ", sequence " + s.icmpSeq);
            }
        }
        if (s.status != Status.OK && !s.reason.isEmpty()) {
            f.add("Status: " + s.status + " " + s.reason);
        }
        return f;
    }

    static String tcpFlags(int flags) {
        if (flags < 0) {
            return "-";
        }
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : " ").append(names[i]);
            }
        }
        return String.format("0x%03x %s", flags, b);
    }

    /** The first bytes of the payload as text, '.' for what is not printable. */
    static String preview(byte[] d, int from, int to) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = from; i < to && i < from + 64; i++) {
            int c = d[i] & 0xff;
            b.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return b.append(to - from > 64 ? "\"..." : "\"").toString();
    }
}
