package org.wiretop.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER — being written; replace this whole file. */
@Command(name = "read", description = "(not built yet)")
public final class ReadCommand implements Runnable {
    @Override
    public void run() {
        throw UserError.runtime("'read' is not built yet");
    }
}
