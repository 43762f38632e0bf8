package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A held frame reaches the terminal in one write; anything outside a frame goes straight out. */
class FrameOutputTest {
    @Test
    void heldFrameIsOneWriteAndQueriesPassThrough() throws IOException {
        List<String> writes = new ArrayList<>();
        OutputStream terminal = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(String.valueOf((char) b));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(new String(b, off, len));
            }
        };
        FrameOutput out = new FrameOutput(terminal);
        out.write("\u001b[6n".getBytes()); // a size query: must not wait for a flush
        assertEquals(List.of("\u001b[6n"), writes);
        out.hold();
        out.write("\u001b[1;1H".getBytes());
        out.write('x');
        out.flush(); // Lanterna's flush at the end of a refresh: still held
        assertEquals(1, writes.size());
        out.release();
        assertEquals(List.of("\u001b[6n", "\u001b[1;1Hx"), writes);
        assertEquals(7, out.lastFrameBytes());
    }

    @Test
    void largeFramesGrowTheBuffer() throws IOException {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        FrameOutput out = new FrameOutput(terminal);
        out.hold();
        byte[] big = new byte[200_000];
        out.write(big);
        out.write(big, 0, 10);
        out.release();
        assertEquals(200_010, terminal.size());
    }
}
