package org.wiretop.cli;

import java.util.List;
import java.util.Set;
import org.wiretop.capture.CaptureException;
import picocli.CommandLine;

/**
 * The {@code wiretop} command line. Each subcommand is a class of its own; this class only
 * wires them and turns failures into one line on stderr and an exit code
 * (2 = the user asked for something wrong, 1 = it failed at run time), with a stack trace
 * only under {@code --debug}.
 */
public final class Main {
    /** The subcommands, in the order {@code --help} lists them (see {@link #newSubcommand}). */
    static final List<String> SUBCOMMANDS =
            List.of("capture", "read", "follow", "interfaces", "sockets", "serve", "send", "connect");

    /** {@link WiretopCommand}'s options that take a separate value (skipped when finding the subcommand). */
    private static final Set<String> TOP_LEVEL_OPTIONS_WITH_VALUE =
            Set.of("-i", "-r", "--ring-packets", "--ring-mb", "-B", "--color");

    private Main() {
    }

    public static void main(String[] args) {
        org.wiretop.sys.LibrarySearch.useUsualDirectories(); // before JNA's first use
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests too). */
    public static int run(String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        Logging.configure(debug);
        CommandLine cli = commandLine(args);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof CaptureException ce) {
                return fail(cmd, ce.getMessage(), ce, debug, ce.usage() ? 2 : 1);
            }
            if (ex instanceof UserError ue) {
                return fail(cmd, ue.getMessage(), ue, debug, ue.exitCode());
            }
            return fail(cmd, "internal error: " + ex + " (run with --debug for details)", ex, debug, 1);
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("wiretop: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        return cli.execute(args);
    }

    /** Every command line with all subcommands (for help and tests). */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}. Building a subcommand's model is most of picocli's
     * start-up cost (reflection over every option of every command), so when the arguments name
     * a subcommand only that one is built; otherwise (help, the TUI, an unknown word) all are,
     * so {@code --help} lists them and unknown commands are reported the same way; a lone
     * {@code --version} needs none.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new WiretopCommand());
        String invoked = subcommandName(args);
        if (SUBCOMMANDS.contains(invoked)) {
            cli.addSubcommand(invoked, newSubcommand(invoked));
        } else if (!versionOnly(args)) {
            for (String name : SUBCOMMANDS) {
                cli.addSubcommand(name, newSubcommand(name));
            }
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true); // after adding: it applies to the subcommands present
        return cli;
    }

    /** A switch, not a map of constructor references: those would load every command class. */
    private static Object newSubcommand(String name) {
        switch (name) {
            case "capture": return new CaptureCommand();
            case "read": return new ReadCommand();
            case "follow": return new FollowCommand();
            case "interfaces": return new InterfacesCommand();
            case "sockets": return new SocketsCommand();
            case "serve": return new ServeCommand();
            case "send": return new SendCommand();
            case "connect": return new ConnectCommand();
            default: throw new IllegalArgumentException(name);
        }
    }

    private static boolean versionOnly(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** The first word that is neither an option nor a top-level option's value, or "" when none. */
    static String subcommandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return "";
            }
            if (a.startsWith("-")) {
                if (TOP_LEVEL_OPTIONS_WITH_VALUE.contains(a)) {
                    i++;
                }
                continue;
            }
            return a;
        }
        return "";
    }

    private static int fail(CommandLine cmd, String message, Throwable ex, boolean debug, int code) {
        cmd.getErr().println("wiretop: " + message);
        if (debug) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }
}
