package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every fixture cut at every length from 0 to its end: the decoder gives a status (never an
 * exception), and every field it reports at a cut has the value of the whole packet's decode
 * (what a cut reveals is a consistent subset of the full decode).
 */
class TruncationSweepTest {
    /** Fields that depend on how much was captured, or are not values of the packet. */
    private static final Set<String> CAPTURE_DEPENDENT = Set.of("capturedLength", "status", "reason",
            "reasonValue", "payloadLength", "tcpOptionKinds", "tcpSackEdges", "tcpOptionCount",
            "tcpSackBlocks");
    /** Bit sets: a cut may have fewer bits, never others. */
    private static final Set<String> BIT_SETS = Set.of("layers", "ethHasAddrs", "ipHasAddrs", "arpHasIps");

    @Test
    void everyCutGivesAStatusAndAConsistentSubset() throws IllegalAccessException {
        Decoder decoder = new Decoder(AppFixtures.DECODE_AS);
        PacketSummary full = new PacketSummary();
        PacketSummary cut = new PacketSummary();
        PacketSummary unset = new PacketSummary();
        List<Field> fields = new ArrayList<>();
        for (Field f : PacketSummary.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !CAPTURE_DEPENDENT.contains(f.getName())) {
                fields.add(f);
            }
        }
        int cuts = 0;
        int apps = 0;
        for (Map.Entry<String, Fixtures.Fixture> e : Fixtures.all().entrySet()) {
            byte[] bytes = e.getValue().bytes();
            int linkType = e.getValue().linkType();
            decoder.decode(linkType, bytes, bytes.length, bytes.length, full);
            assertEquals(Status.OK, full.status, e.getKey() + ": " + full.reason);
            Map<String, List<String>> fullApp = appFields(full);
            apps += full.app != null ? 1 : 0;
            for (int length = 0; length <= bytes.length; length++) {
                decoder.decode(linkType, bytes, length, bytes.length, cut);
                cuts++;
                String where = e.getKey() + " cut at " + length;
                assertNotNull(cut.status, where);
                if (cut.status != Status.OK) {
                    assertEquals(Status.TRUNCATED, cut.status, where + ": " + cut.reasonText());
                    assertNotEquals("", cut.reason, where);
                }
                for (Field f : fields) {
                    Object value = f.get(cut);
                    if (BIT_SETS.contains(f.getName())) {
                        int bits = (Integer) value;
                        assertEquals(bits, bits & (Integer) f.get(full), where + ": " + f.getName());
                    } else if (!java.util.Objects.equals(value, f.get(unset))) {
                        assertEquals(f.get(full), value, where + ": " + f.getName());
                    }
                }
                // options seen so far are the first options of the whole header
                byte[] kinds = Arrays.copyOf(cut.tcpOptionKinds, cut.tcpOptionCount);
                assertArrayEquals(Arrays.copyOf(full.tcpOptionKinds, cut.tcpOptionCount), kinds, where);
                if (cut.ipChecksumOk()) {
                    assertTrue(full.ipChecksumOk(), where);
                }
                appFieldsAreASubset(cut, fullApp, where);
            }
        }
        assertTrue(cuts > 500, "swept " + cuts + " cuts");
        assertTrue(apps >= Dissectors.names().size(), "fixtures with an application layer: " + apps);
    }

    /** The application fields of a cut: each one's values are the first values of the whole packet's. */
    private static void appFieldsAreASubset(PacketSummary cut, Map<String, List<String>> full, String where) {
        for (Map.Entry<String, List<String>> e : appFields(cut).entrySet()) {
            List<String> all = full.get(e.getKey());
            assertNotNull(all, where + ": " + e.getKey() + " is not in the whole packet's decode");
            List<String> seen = e.getValue();
            assertTrue(seen.size() <= all.size(), where + ": " + e.getKey());
            assertEquals(all.subList(0, seen.size()), seen, where + ": " + e.getKey());
        }
    }

    /** The JSON members of the application layer (the protocol's own keys). */
    private static Map<String, List<String>> appFields(PacketSummary s) {
        if (s.app == null) {
            return Map.of();
        }
        org.wiretop.capture.format.LineBuilder json = new org.wiretop.capture.format.LineBuilder();
        org.wiretop.capture.format.JsonFormatter.append(s, json);
        Map<String, List<String>> all = org.wiretop.capture.format.FlatJson.parseAll(json);
        all.keySet().removeIf(k -> !k.startsWith(s.app.name() + ".") && !k.startsWith("tls."));
        return all;
    }
}
