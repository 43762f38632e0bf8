package org.wiretop.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER — being written; replace this whole file. */
@Command(name = "sockets", description = "(not built yet)")
public final class SocketsCommand implements Runnable {
    @Override
    public void run() {
        throw UserError.runtime("'sockets' is not built yet");
    }
}
