package org.wiretop.capture;

import java.io.IOException;

/**
 * A live capture for tests that run a JVM of their own in a network namespace
 * ({@code ip netns exec NS java ... LoopbackCapture IFACE FILE FILTER}): opens the interface with
 * our live source ({@link Sources#openLive}), prints {@code capturing} once packets flow into
 * FILE (every record flushed at once, so the test can read the file while it grows), and stops
 * cleanly when its standard input closes.
 */
public final class LoopbackCapture {
    private LoopbackCapture() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LoopbackCapture IFACE FILE FILTER");
            System.exit(2);
        }
        PacketSource source = Sources.openLive(LiveOptions.of(args[0], args[2]));
        PcapWriter writer = PcapWriter.open(args[1], source.linkType(), source.snaplen(), 10, 1);
        Thread capture = new Thread(() -> {
            try {
                source.run((nanos, wire, data, captured) -> {
                    try {
                        writer.write(nanos, wire, data, captured);
                        writer.flush();
                    } catch (CaptureException e) {
                        throw new UncheckedCaptureException(e);
                    }
                }, 0);
            } catch (CaptureException | RuntimeException e) {
                e.printStackTrace();
            }
        }, "capture");
        capture.start();
        System.out.println("capturing");
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // the test closes our standard input to stop us
            }
        } catch (IOException ignored) {
            // a closed pipe stops us too
        }
        source.stop();
        capture.join(10_000);
        writer.close();
        source.close();
    }
}
