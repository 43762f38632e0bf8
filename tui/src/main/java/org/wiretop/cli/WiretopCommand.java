package org.wiretop.cli;

import picocli.CommandLine.Command;

/** The top-level command; with no subcommand it opens the terminal UI. */
@Command(name = "wiretop", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Packet capture and connection monitor for the terminal.",
        subcommands = {
                CaptureCommand.class, ReadCommand.class, InterfacesCommand.class,
                SocketsCommand.class, ServeCommand.class, SendCommand.class, ConnectCommand.class
        })
public final class WiretopCommand implements Runnable {
    @picocli.CommandLine.Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print stack traces and library logs.")
    boolean debug;

    @Override
    public void run() {
        System.out.println("wiretop: the terminal UI is not built yet; try 'wiretop --help'.");
    }
}
