package org.wiretop.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER — being written; replace this whole file. */
@Command(name = "send", description = "(not built yet)")
public final class SendCommand implements Runnable {
    @Override
    public void run() {
        throw UserError.runtime("'send' is not built yet");
    }
}
