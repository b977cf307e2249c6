package io.devreg.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.devreg.json.DeviceResponse;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes responses as pretty JSON: results to stdout, errors to stderr. */
final class JsonOutput {

    private static final ObjectWriter WRITER = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private JsonOutput() {
    }

    /** Prints {@code response} where it belongs and returns the command's exit status. */
    static int print(DeviceResponse response, PrintWriter out, PrintWriter err) {
        ExitStatus status = ExitStatus.of(response);
        PrintWriter target = status == ExitStatus.OK ? out : err;
        target.println(json(response.body()));
        target.flush();
        return status.code();
    }

    /** Prints {@code {"message": message}} to stderr and returns {@code status}'s code. */
    static int printError(String message, ExitStatus status, PrintWriter err) {
        err.println(json(Map.of("message", message)));
        err.flush();
        return status.code();
    }

    static String json(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Our records always serialize; failing here is a bug, not a user error.
            throw new UncheckedIOException(e);
        }
    }
}
