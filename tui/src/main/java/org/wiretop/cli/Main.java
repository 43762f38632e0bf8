package org.wiretop.cli;

import org.wiretop.capture.CaptureException;
import picocli.CommandLine;

/**
 * The {@code wiretop} command line. Each subcommand is a class of its own; this class only
 * wires them and turns failures into one line on stderr and an exit code
 * (2 = the user asked for something wrong, 1 = it failed at run time), with a stack trace
 * only under {@code --debug}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests too). */
    public static int run(String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        Logging.configure(debug);
        CommandLine cli = commandLine();
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

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new WiretopCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
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
