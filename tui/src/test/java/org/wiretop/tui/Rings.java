package org.wiretop.tui;

import java.nio.file.Path;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;

/** A capture file's packets in a {@link PacketRing}, as the capture thread would have added them. */
final class Rings {
    private Rings() {
    }

    /** The file's packets (all of them when they fit {@code packets}), or null when it cannot be read. */
    static PacketRing load(Path capture, int packets) {
        long bytes;
        try {
            bytes = Math.min(64L << 20, java.nio.file.Files.size(capture) + 4096); // the records are smaller than the file
        } catch (java.io.IOException e) {
            return null;
        }
        try (PacketSource source = Sources.openFile(capture.toString())) {
            PacketRing ring = new PacketRing(source.linkType(), packets, bytes);
            source.run(ring::add, 0);
            return ring;
        } catch (CaptureException e) {
            return null;
        }
    }
}
