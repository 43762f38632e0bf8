package org.wiretop.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER — being written; replace this whole file. */
@Command(name = "serve", description = "(not built yet)")
public final class ServeCommand implements Runnable {
    @Override
    public void run() {
        throw UserError.runtime("'serve' is not built yet");
    }
}
