package org.wiretop.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER — being written; replace this whole file. */
@Command(name = "connect", description = "(not built yet)")
public final class ConnectCommand implements Runnable {
    @Override
    public void run() {
        throw UserError.runtime("'connect' is not built yet");
    }
}
