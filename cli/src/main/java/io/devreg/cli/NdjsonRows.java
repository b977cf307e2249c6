package io.devreg.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devreg.json.NewDeviceJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The records of an NDJSON file: one JSON object per line in the billing API's request shape
 * ({@link NewDeviceJson}: {@code type}, {@code mac}, {@code serial_number}, {@code name},
 * {@code version}, {@code is_online}), as the HTTP service reads one device. A line that is not
 * a JSON object is malformed; a field of the wrong JSON type is an error of that field.
 */
final class NdjsonRows implements RowSource {

    /** The reason a field of the wrong JSON type gets, in the HTTP service's words. */
    static final String WRONG_TYPE = "has the wrong JSON type";

    // Unknown properties are ignored, as the HTTP service ignores them.
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final PhysicalLines lines;

    NdjsonRows(PhysicalLines lines) {
        this.lines = lines;
    }

    @Override
    public @Nullable ImportRow next() throws IOException {
        String line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        long number = lines.number();
        if (PhysicalLines.hasInvalidUtf8(line)) {
            return ImportRow.Invalid.malformed(number, "invalid UTF-8");
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException broken) {
            return ImportRow.Invalid.malformed(number, "not JSON: " + broken.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            return ImportRow.Invalid.malformed(number, "not a JSON object");
        }
        return bind(number, object);
    }

    /**
     * Binds the object to {@link NewDeviceJson}, whose annotations hold the wire names; each field
     * of the wrong JSON type is taken out and reported, so that every field's error is found.
     */
    private static ImportRow bind(long line, ObjectNode object) throws IOException {
        Map<String, List<String>> wrongType = new LinkedHashMap<>();
        while (true) {
            try {
                return ImportRow.of(line, JSON.treeToValue(object, NewDeviceJson.class), wrongType);
            } catch (MismatchedInputException mismatch) {
                String field = mismatch.getPath().isEmpty() ? null : mismatch.getPath().get(0).getFieldName();
                if (field == null || object.remove(field) == null) {
                    return ImportRow.Invalid.malformed(line, "not a device: " + mismatch.getOriginalMessage());
                }
                wrongType.put(field, List.of(WRONG_TYPE));
            }
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
