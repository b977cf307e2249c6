package io.devreg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devreg.ErrorCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Walks a fresh registry through the whole lifecycle of a device, including each of the billing
 * API's five reserve error codes and a validation error, then a hold with a holder and a TTL
 * (version 2): refused to another holder, extended and released by its own. Every step is a real
 * {@code devreg} command run in this process against one open store; the demo prints the command
 * and its output, and checks the outcome is the one the step expects (exit status 1 if not).
 */
@Command(name = "demo", description = {"Walk a fresh registry through the whole device lifecycle.",
        "Prints each command and its answer. Uses a temporary directory (deleted after)",
        "unless --data names a new or empty one."})
final class DemoCommand implements Callable<Integer> {

    private static final String TYPE = "mediaagent";
    private static final List<String> SEED_DEVICE =
            List.of("--type", TYPE, "--mac", "fake_mac_5", "--serial-number", "sn");

    private static final List<Step> STEPS = List.of(
            Step.ok("Register the seed's device. It starts in status initialization.",
                    "register", SEED_DEVICE, "--firmware-version", "1.1.1.1", "--online"),
            Step.refused("Reserve it (the billing API's request) while it initializes: 33622.",
                    ErrorCode.DEVICE_INITIALIZING, "reserve", SEED_DEVICE),
            Step.ok("It finished initializing: mark it available.", "mark-available", SEED_DEVICE),
            Step.ok("Reserve it: status reserve.", "reserve", SEED_DEVICE),
            Step.refused("Reserve it again: 33599, it is reserved.", ErrorCode.DEVICE_RESERVED, "reserve", SEED_DEVICE),
            Step.refused("Activate it without skip_reserve_check: 33599 again.",
                    ErrorCode.DEVICE_RESERVED, "activate", SEED_DEVICE),
            Step.ok("Release the reservation: available again.", "release", SEED_DEVICE),
            Step.ok("Reserve it once more.", "reserve", SEED_DEVICE),
            Step.ok("Activate it with skip_reserve_check: status active.",
                    "activate", SEED_DEVICE, "--skip-reserve-check"),
            Step.refused("Reserve the active device: 33603.", ErrorCode.DEVICE_ALREADY_ACTIVATED, "reserve", SEED_DEVICE),
            Step.ok("Deactivate it: status deactivation.", "deactivate", SEED_DEVICE),
            Step.refused("Reserve it while it deactivates: 33610.", ErrorCode.DEVICE_DEACTIVATING, "reserve", SEED_DEVICE),
            Step.ok("Deactivation completed: available again.", "complete-deactivation", SEED_DEVICE),
            Step.refused("Reserve a device nobody registered: 33600.", ErrorCode.DEVICE_NOT_FOUND,
                    "reserve", List.of("--type", TYPE, "--mac", "fake_mac_404")),
            Step.invalid("Reserve with a blank type and neither mac nor serial_number: 422, every field at once.",
                    "reserve", List.of("--type", " ")),
            Step.refused("Register the same mac again: devreg's own code 33902.", ErrorCode.DEVICE_ALREADY_REGISTERED,
                    "register", List.of("--type", TYPE, "--mac", "fake_mac_5")),
            Step.ok("Register a second device by its EUI-48 mac in dash notation; it is stored canonical.",
                    "register", List.of("--type", TYPE, "--mac", "AA-BB-CC-DD-EE-FF", "--name", "lobby screen")),
            Step.ok("The first device's history: one event per change.", "history", SEED_DEVICE),
            Step.ok("List the devices, one per page.", "list", List.of("--limit", "1")),
            Step.ok("Only available devices of the type.", "list", List.of("--type", TYPE, "--status", "available")),
            Step.ok("The change feed after sequence 6, three events at most.", "events",
                    List.of("--after", "6", "--limit", "3")),
            Step.ok("Version 2: hold the first device for checkout-42, for 15 minutes. The hold shows its holder"
                    + " and expiry.", "reserve", SEED_DEVICE, "--holder", "checkout-42", "--ttl", "900"),
            Step.refused("Another checkout asks for it: 33599, someone else holds it.", ErrorCode.DEVICE_RESERVED,
                    "reserve", SEED_DEVICE, "--holder", "checkout-7", "--ttl", "900"),
            Step.ok("checkout-42 extends its hold: it now ends 30 minutes from now.",
                    "extend", SEED_DEVICE, "--holder", "checkout-42", "--ttl", "1800"),
            Step.ok("checkout-42 releases its own hold: available again.",
                    "release", SEED_DEVICE, "--holder", "checkout-42"));

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the demo's registry in this new or empty directory (default: a temporary one, deleted after).")
    @Nullable Path data;

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = Objects.requireNonNull(spec, "picocli did not inject the command spec").commandLine();
        PrintWriter out = commandLine.getOut();
        Path directory = data != null ? checkedNewOrEmpty(data, commandLine) : Files.createTempDirectory("devreg-demo-");
        StoreOptions options = new StoreOptions();
        options.data = directory;
        out.println("devreg demo: a fresh registry in " + directory
                + (data == null ? " (deleted at the end)" : ""));
        out.println("Each step runs the devreg command shown against that registry; "
                + (data == null ? "run ./devreg demo --data DIR to keep it and try commands yourself."
                        : "add --data " + directory + " to run one yourself."));
        try (OpenedRegistry opened = options.open()) {
            // The steps share the open store; closing it is this method's job, not theirs.
            OpenedRegistry shared = new OpenedRegistry(opened.registry(), () -> { });
            // One command line for every step: picocli resets options before each parse.
            CommandLine steps = DevregCli.commandLine(new DevregCommand(ignored -> shared), out, commandLine.getErr());
            for (int i = 0; i < STEPS.size(); i++) {
                if (!STEPS.get(i).run(i + 1, steps, out, commandLine.getErr())) {
                    return ExitStatus.FAILED.code();
                }
            }
        } finally {
            if (data == null) {
                deleteRecursively(directory);
            }
        }
        out.println();
        out.println("Done: every step answered as the billing API specifies.");
        out.flush();
        return ExitStatus.OK.code();
    }

    private static Path checkedNewOrEmpty(Path directory, CommandLine commandLine) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(commandLine,
                            "demo needs a new or empty directory, and " + directory + " is not empty");
                }
            }
        }
        return directory;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** One demo step: what it shows, the command it runs, and the outcome it expects. */
    private record Step(String says, ExitStatus expected, @Nullable ErrorCode code, List<String> args) {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        static Step ok(String says, String command, List<String> device, String... more) {
            return new Step(says, ExitStatus.OK, null, args(command, device, more));
        }

        static Step refused(String says, ErrorCode code, String command, List<String> device, String... more) {
            return new Step(says, ExitStatus.REFUSED, code, args(command, device, more));
        }

        static Step invalid(String says, String command, List<String> device) {
            return new Step(says, ExitStatus.INVALID, null, args(command, device));
        }

        private static List<String> args(String command, List<String> device, String... more) {
            return Stream.of(Stream.of(command), device.stream(), Stream.of(more))
                    .flatMap(s -> s).toList();
        }

        /** Runs the step, prints it, and says whether it answered as expected. */
        boolean run(int number, CommandLine devreg, PrintWriter out, PrintWriter err) {
            StringWriter stepOut = new StringWriter();
            StringWriter stepErr = new StringWriter();
            devreg.setOut(new PrintWriter(stepOut, true));
            devreg.setErr(new PrintWriter(stepErr, true));
            int exit = devreg.execute(args.toArray(String[]::new));
            String answer = exit == ExitStatus.OK.code() ? stepOut.toString() : stepErr.toString();
            out.println();
            out.println("== " + number + ". " + says);
            out.println("$ devreg " + args.stream().map(Step::quoted).collect(Collectors.joining(" ")));
            out.print(answer);
            ExitStatus actual = ExitStatus.ofCode(exit);
            out.println("-> exit " + exit + " (" + actual.meaning() + ")");
            out.flush();
            if (actual != expected || (code != null && code.value() != codeIn(answer))) {
                err.println(JsonOutput.json(java.util.Map.of("message", "demo step " + number + " expected exit "
                        + expected.code() + (code == null ? "" : " with code " + code.value()) + " but got exit " + exit)));
                err.flush();
                return false;
            }
            return true;
        }

        private static int codeIn(String json) {
            try {
                JsonNode code = MAPPER.readTree(json).get("code");
                return code == null ? -1 : code.asInt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String quoted(String arg) {
            return arg.isBlank() || arg.chars().anyMatch(c -> c == ' ' || c == '\'' || c == '"')
                    ? "'" + arg.replace("'", "'\\''") + "'" : arg;
        }
    }
}
