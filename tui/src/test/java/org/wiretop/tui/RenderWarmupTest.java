package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.screen.Screen;
import org.junit.jupiter.api.Test;

/** The warm-up paints the real packet rows (decoded and formatted), not blank frames. */
class RenderWarmupTest {
    @Test
    void paintsDecodedPacketRows() throws Exception {
        Screen screen = RenderWarmup.run(160, 30, 3);
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 30; row++) {
            for (int col = 0; col < 160; col++) {
                text.append(screen.getBackCharacter(col, row).getCharacterString());
            }
            text.append('\n');
        }
        String s = text.toString();
        assertTrue(s.contains("127.0.0.1:40000") && s.contains("UDP, length 4"), s);
        assertTrue(s.contains("127.0.0.1:80             TCP       74  Flags [S.], seq 1, ack 2, win 65535, options [mss 1460,sackOK"), s);
    }
}
