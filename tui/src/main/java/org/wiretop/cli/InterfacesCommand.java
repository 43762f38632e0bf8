package org.wiretop.cli;

import picocli.CommandLine.Command;

/** PLACEHOLDER — being written; replace this whole file. */
@Command(name = "interfaces", description = "(not built yet)")
public final class InterfacesCommand implements Runnable {
    @Override
    public void run() {
        throw UserError.runtime("'interfaces' is not built yet");
    }
}
