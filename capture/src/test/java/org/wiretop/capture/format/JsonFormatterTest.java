package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

class JsonFormatterTest {
    private static final String TCP_SYN = "001122334455 66778899aabb 0800"
            + "4500 002c 1234 4000 4006 0000 0a000001 0a000002"
            + "c738 01bb 00000001 00000000 6002 ffff 0000 0000 020405b4";

    private final Decoder decoder = new Decoder();
    private final PacketSummary s = new PacketSummary();

    private String json(String hex, int captured) {
        byte[] frame = HexFormat.of().parseHex(hex.replace(" ", ""));
        s.frameNumber = 3;
        s.epochNanos = 1_575_842_394_000_012_345L;
        decoder.decode(Decoder.DLT_EN10MB, frame, captured < 0 ? frame.length : captured, frame.length, s);
        return JsonFormatter.append(s, new LineBuilder()).toString();
    }

    @Test
    void wholeTcpSegmentHasEveryKeyInOrder() {
        assertEquals("{\"frame.number\":3,\"frame.time_epoch\":\"1575842394.000012345\",\"frame.len\":58,"
                + "\"frame.cap_len\":58,\"eth.src\":\"66:77:88:99:aa:bb\",\"eth.dst\":\"00:11:22:33:44:55\","
                + "\"eth.type\":2048,\"ip.src\":\"10.0.0.1\",\"ip.dst\":\"10.0.0.2\",\"ip.proto\":6,\"ip.ttl\":64,"
                + "\"ip.len\":44,\"ip.id\":4660,\"ip.flags.df\":1,\"ip.flags.mf\":0,\"ip.frag_offset\":0,"
                + "\"tcp.srcport\":51000,\"tcp.dstport\":443,\"tcp.seq_raw\":1,\"tcp.ack_raw\":0,\"tcp.flags\":2,"
                + "\"tcp.window_size_value\":65535,\"tcp.len\":0,\"wiretop.status\":\"ok\"}", json(TCP_SYN, -1));
    }

    @Test
    void truncatedPacketHasOnlyWhatWasCapturedAndTheReason() {
        Map<String, String> m = FlatJson.parse(json(TCP_SYN, 14 + 20 + 6));
        assertEquals("51000", m.get("tcp.srcport"));
        assertEquals("443", m.get("tcp.dstport"));
        assertFalse(m.containsKey("tcp.seq_raw"));
        assertFalse(m.containsKey("tcp.flags"));
        assertEquals("truncated", m.get("wiretop.status"));
        assertEquals("tcp", m.get("wiretop.reason"));
        Map<String, String> cutInIp = FlatJson.parse(json(TCP_SYN, 14 + 14));
        assertEquals("6", cutInIp.get("ip.proto"));
        assertFalse(cutInIp.containsKey("ip.src"));
        assertFalse(cutInIp.containsKey("tcp.srcport"));
    }

    @Test
    void invalidPacketCarriesItsReasonText() {
        String udp = "001122334455 66778899aabb 0800 4500 001c 1234 0000 4011 0000 0a000001 0a000002 d431 3039 0004 0000";
        Map<String, String> m = FlatJson.parse(json(udp, -1));
        assertEquals("invalid", m.get("wiretop.status"));
        assertEquals("udp-length 4 < 8", m.get("wiretop.reason"));
        assertEquals("4", m.get("udp.length"));
    }

    @Test
    void applicationTextIsEscapedInPlace() {
        byte[] frame = org.wiretop.decode.AppFrames.tcp(40000, 80,
                "GET / HTTP/1.1\r\nUser-Agent: a\"b\\c\td\u0001e\u007ff\u00e9g\r\nHost: plain\r\n\r\n");
        decoder.decode(Decoder.DLT_EN10MB, frame, frame.length, frame.length, s);
        String json = JsonFormatter.append(s, new LineBuilder(16)).toString(); // a small line: it must grow
        assertTrue(json.contains(",\"http.host\":\"plain\",\"http.user_agent\":\"a\\\"b\\\\c\\u0009d\\u0001e"
                + "\\u007ff\\u00e9g\","), json);
        assertEquals("a\"b\\c\td\u0001e\u007ff\u00e9g", FlatJson.parse(json).get("http.user_agent"));
    }

    @Test
    void epochAlwaysHasNineDecimals() {
        LineBuilder b = new LineBuilder();
        JsonFormatter.appendEpoch(b, 5);
        assertEquals("0.000000005", b.toString());
        b.setLength(0);
        JsonFormatter.appendEpoch(b, 1_000_000_000L);
        assertEquals("1.000000000", b.toString());
        b.setLength(0);
        JsonFormatter.appendEpoch(b, 1_418_145_370_123_456_789L);
        assertEquals("1418145370.123456789", b.toString());
    }
}
