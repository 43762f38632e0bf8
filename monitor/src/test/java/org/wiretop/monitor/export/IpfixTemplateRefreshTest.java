package org.wiretop.monitor.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wiretop.monitor.flow.FlowExportRecord;

/** When the templates go out again, on a clock the test moves. */
class IpfixTemplateRefreshTest {
    private static final long REFRESH = TimeUnit.SECONDS.toNanos(10);

    private long now;
    private final Messages messages = new Messages();
    private final IpfixEncoder encoder = new IpfixEncoder(1472, 1, false, false, REFRESH, IpfixTsharkTest.OWNERS,
            messages, () -> now);

    @Test
    void recordsExportedAfterTheRefreshFellDueFollowTheTemplatesInTheirOwnMessage() {
        encoder.endOfBatch();                       // at start: the templates alone
        now = TimeUnit.SECONDS.toNanos(5);
        export(IpfixTsharkTest.records().get(0));   // not due: data only
        now = TimeUnit.SECONDS.toNanos(16);         // due, and no scan sent them alone in between
        export(IpfixTsharkTest.records().get(0));
        // A collector started between 5 s and 16 s must get the templates before these records.
        assertEquals(List.of("templates", "data", "templates+data"), kinds());
    }

    @Test
    void aQuietExporterSendsTheTemplatesAloneWhenTheyFallDue() {
        encoder.endOfBatch();
        now = TimeUnit.SECONDS.toNanos(9);
        encoder.endOfBatch();                       // not due: nothing
        now = TimeUnit.SECONDS.toNanos(10);
        encoder.endOfBatch();
        assertEquals(List.of("templates", "templates"), kinds());
    }

    private void export(FlowExportRecord r) {
        encoder.accept(r);
        encoder.endOfBatch();
    }

    /** Each message as the sets it holds: "templates" (set id 2), "data" (ids from 256), joined by '+'. */
    private List<String> kinds() {
        List<String> out = new ArrayList<>();
        for (byte[] m : messages.sent) {
            ByteBuffer b = ByteBuffer.wrap(m);
            List<String> sets = new ArrayList<>();
            for (int at = IpfixEncoder.MESSAGE_HEADER; at + 4 <= b.getShort(2); at += b.getShort(at + 2)) {
                String kind = b.getShort(at) == IpfixEncoder.TEMPLATE_SET_ID ? "templates" : "data";
                if (sets.isEmpty() || !sets.get(sets.size() - 1).equals(kind)) {
                    sets.add(kind);
                }
            }
            out.add(String.join("+", sets));
        }
        return out;
    }
}
