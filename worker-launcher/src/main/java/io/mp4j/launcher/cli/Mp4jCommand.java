package io.mp4j.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/**
 * The {@code mp4j} command: its own subcommands and those of the modules on the class path ({@link Subcommand}).
 * Exit codes: {@value #EXIT_OK} success, {@value #EXIT_CHECK_FAILED} a check failed, {@value #EXIT_USAGE} usage error
 * (one line on stderr: what is wrong, and where help is), {@value #EXIT_ERROR} an error (its message on stderr).
 */
@Command(name = "mp4j", mixinStandardHelpOptions = true, version = "mp4j 0.1.0",
    description = "Shared-memory multiprocessing for the JVM.",
    subcommands = {DemoCommand.class, StatCommand.class, LsCommand.class, CleanCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:a check failed", "2:usage error", "3:error"})
public final class Mp4jCommand implements Runnable
{
    /** Success. */
    public static final int EXIT_OK = 0;
    /** A check the command makes failed. */
    public static final int EXIT_CHECK_FAILED = 1;
    /** The command line was wrong. */
    public static final int EXIT_USAGE = 2;
    /** The command failed with an error. */
    public static final int EXIT_ERROR = 3;

    @Override
    public void run()
    {
        CommandLine.usage(this, System.out);
    }

    /**
     * @param args the command line.
     * @return the exit code.
     */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new Mp4jCommand());
        for (final Subcommand subcommand : ServiceLoader.load(Subcommand.class))
        {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        return commandLine
            .setParameterExceptionHandler((ex, unusedArgs) ->
            {
                final CommandLine cmd = ex.getCommandLine();
                final String what = ex.getMessage().replace(System.lineSeparator(), " ").strip();
                cmd.getErr().println("mp4j: " + what + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
                return EXIT_USAGE;
            })
            .setExecutionExceptionHandler((ex, cmd, parsed) ->
            {
                cmd.getErr().println("mp4j: " + ex.getMessage());
                return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_ERROR;
            })
            .execute(args);
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }
}
