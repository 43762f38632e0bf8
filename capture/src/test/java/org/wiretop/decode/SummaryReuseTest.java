package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder resets only the layers the previous packet reached ({@link PacketSummary#clearDecoded}):
 * decoding any packet into a reused summary must give exactly what a fresh summary gets, whatever
 * came before (every fixture, whole and cut at every length, after every other).
 */
class SummaryReuseTest {
    private record Sample(String name, int linkType, byte[] bytes, int captured) {
    }

    @Test
    void reusedSummaryEqualsFreshAfterAnyPreviousPacket() throws IllegalAccessException {
        List<Sample> samples = new ArrayList<>();
        Fixtures.all().forEach((name, f) -> {
            // every 7th cut, at most ~48 a fixture: the pairs grow with the square (a QUIC Initial is 1,242 bytes)
            int step = Math.max(7, f.bytes().length / 48);
            for (int cut = 0; cut <= f.bytes().length; cut += step) {
                samples.add(new Sample(name + "@" + cut, f.linkType(), f.bytes(), cut));
            }
            samples.add(new Sample(name, f.linkType(), f.bytes(), f.bytes().length));
        });
        samples.add(new Sample("unsupported", 9999, new byte[20], 20));
        List<Field> fields = scalarFields();
        assertTrue(fields.size() > 80, "scalar fields found: " + fields.size());

        Decoder decoder = new Decoder(AppFixtures.DECODE_AS);
        PacketSummary reused = new PacketSummary();
        PacketSummary fresh = new PacketSummary();
        for (Sample before : samples) {
            for (Sample after : samples) {
                decoder.decode(before.linkType(), before.bytes(), before.captured(), before.bytes().length, reused);
                decoder.decode(after.linkType(), after.bytes(), after.captured(), after.bytes().length, reused);
                fresh.clear();
                decoder.decode(after.linkType(), after.bytes(), after.captured(), after.bytes().length, fresh);
                for (Field f : fields) {
                    if (!java.util.Objects.equals(f.get(fresh), f.get(reused))) {
                        assertEquals(f.get(fresh), f.get(reused), f.getName() + " of " + after.name()
                                + " decoded after " + before.name());
                    }
                }
            }
        }
    }

    /** Every public instance field but the arrays (whose valid part is given by a count field). */
    private static List<Field> scalarFields() {
        List<Field> out = new ArrayList<>();
        for (Field f : PacketSummary.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isArray()) {
                out.add(f);
            }
        }
        return out;
    }
}
