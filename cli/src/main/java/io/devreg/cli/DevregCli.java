package io.devreg.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/**
 * The entry point of the {@code devreg} command line. {@link #execute} runs one command in this
 * process, which is what the tests and {@code demo} call.
 */
public final class DevregCli {

    private DevregCli() {
    }

    /** Runs the command {@code args} name and exits with its {@link ExitStatus}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // A progress bar only where someone watches it: System.console() is null when stdout is redirected.
        System.exit(commandLine(new DevregCommand(StoreOptions::open, System.console() != null), out, err)
                .execute(args));
    }

    /**
     * Runs one command.
     *
     * @param args the command line, e.g. {@code reserve --type mediaagent --mac fake_mac_5}
     * @param out  where results go
     * @param err  where errors go
     * @return the exit status (see {@link ExitStatus})
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(new DevregCommand(), out, err).execute(args);
    }

    /** A command line for {@code command} that writes to {@code out} and {@code err}, errors as JSON. */
    static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(command);
        if (command instanceof DevregCommand devreg) {
            commandLine.addSubcommand(devreg.importCommand());
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((failure, failedArgs) -> JsonOutput.printError(
                failure.getMessage() + " (see: " + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help)",
                ExitStatus.USAGE, failure.getCommandLine().getErr()));
        return commandLine;
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DevregCli.class.getPackage().getImplementationVersion();
            return new String[] {"devreg " + (version == null ? "(development build)" : version)};
        }
    }
}
