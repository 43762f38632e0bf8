package org.wiretop.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER — being written; replace this whole file. */
@Command(name = "capture", description = "(not built yet)")
public final class CaptureCommand implements Runnable {
    @Override
    public void run() {
        throw UserError.runtime("'capture' is not built yet");
    }
}
