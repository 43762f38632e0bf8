package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Only the subcommand invoked is built (start-up time); help and the TUI still see all of them. */
class MainSubcommandTest {
    private static final List<String> ALL =
            List.of("capture", "read", "follow", "interfaces", "sockets", "serve", "send", "connect");

    @Test
    void findsTheSubcommandPastTopLevelOptionsAndTheirValues() {
        assertEquals("read", Main.subcommandName("read", "-c", "1", "f.pcap"));
        assertEquals("capture", Main.subcommandName("--debug", "capture", "-i", "lo"));
        assertEquals("sockets", Main.subcommandName("-i", "capture", "sockets"));
        assertEquals("", Main.subcommandName("-r", "read"));
        assertEquals("", Main.subcommandName("--", "read"));
        assertEquals("", Main.subcommandName());
    }

    @Test
    void buildsOnlyTheInvokedSubcommandElseAll() {
        assertEquals(List.of("read"), List.copyOf(Main.commandLine("read", "x.pcap").getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(Main.commandLine("--help").getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(Main.commandLine("port", "80").getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(Main.commandLine().getSubcommands().keySet()));
    }

    @Test
    void helpStillListsEveryCommandAndUnknownOptionsAreUsageErrors() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cli = Main.commandLine("--help");
        cli.setOut(new java.io.PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        for (String name : ALL) {
            assertEquals(true, out.toString().contains("  " + name), name + " missing from --help:\n" + out);
        }
        assertEquals(2, Main.run("read", "--no-such-option"));
    }
}
