package io.devreg.examples.boot;

import io.devreg.DeviceRegistry;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowResult;
import io.devreg.ValidationException;
import io.devreg.json.BulkResultJson;
import io.devreg.json.DeviceResponse;
import io.devreg.json.NewDeviceJson;
import io.devreg.json.ValidationErrorJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bulk registration: {@code POST /api/v1/billing/devices/bulk} with a JSON array of at most
 * {@value #MAX_ROWS} devices in the register endpoint's shape, and {@code ?mode=create} (default)
 * or {@code create-or-update}. Each row succeeds or fails on its own; the answer (200) is
 * {@link BulkResultJson}: the counts, then one result per row in order, with the device, or the
 * code of a refusal, or the field errors of an invalid row (a row that is not a JSON object, a
 * field of the wrong JSON type, a field that fails validation). More than {@value #MAX_ROWS} rows:
 * 413, nothing stored. A body that is not an array: 422. The store failing: 503.
 *
 * <p>It takes no {@code Idempotency-Key}: registerAll takes none, and create-or-update run again
 * changes nothing.
 */
@RestController
@RequestMapping(path = "/api/v1/billing/devices", produces = MediaType.APPLICATION_JSON_VALUE)
class BulkController {

    /** The most rows one request holds: a body a client sends and a service answers in one go. */
    static final int MAX_ROWS = 1000;

    /** The reason a field of the wrong JSON type gets, as on every other endpoint. */
    private static final String WRONG_TYPE = "has the wrong JSON type";

    private final DeviceRegistry registry;
    private final ObjectMapper json;

    BulkController(DeviceRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @PostMapping(path = "/bulk", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> registerAll(@RequestBody JsonNode body,
            @RequestParam(name = "mode", defaultValue = "create") String mode) {
        ImportMode importMode = mode(mode);
        if (importMode == null) {
            return invalid(HttpStatus.UNPROCESSABLE_ENTITY, "mode", "must be create or create-or-update");
        }
        if (!body.isArray()) {
            return invalid(HttpStatus.UNPROCESSABLE_ENTITY, "body", "must be a JSON array");
        }
        if (body.size() > MAX_ROWS) {
            return invalid(HttpStatus.PAYLOAD_TOO_LARGE, "body", "must hold at most " + MAX_ROWS + " devices, not "
                    + body.size());
        }
        List<BulkResultJson.Row> invalid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<NewDevice> devices = new ArrayList<>();
        for (int index = 0; index < body.size(); index++) {
            try {
                devices.add(device(body.get(index)));
                positions.add(index);
            } catch (ValidationException failure) {
                invalid.add(BulkResultJson.Row.invalid(index, failure));
            }
        }
        DeviceResponse response = DeviceResponse.of(() -> registry.registerAll(devices, importMode).rows(),
                results -> answer(results, positions, invalid));
        return ResponseEntity.status(response.httpStatus()).body(response.body());
    }

    /** Every row's result in body order: the registry's, moved to their rows' positions, and the invalid ones. */
    private static BulkResultJson answer(List<RowResult> results, List<Integer> positions,
            List<BulkResultJson.Row> invalid) {
        List<BulkResultJson.Row> rows = new ArrayList<>(results.size() + invalid.size());
        int next = 0;
        for (RowResult result : results) {
            BulkResultJson.Row row = BulkResultJson.Row.of(result);
            int position = positions.get(result.index());
            while (next < invalid.size() && invalid.get(next).index() < position) {
                rows.add(invalid.get(next++));
            }
            rows.add(new BulkResultJson.Row(position, row.status(), row.device(), row.code(), row.message(),
                    row.errors()));
        }
        rows.addAll(invalid.subList(next, invalid.size()));
        return BulkResultJson.of(rows);
    }

    /**
     * The row as a device to register.
     *
     * @throws ValidationException with every field's error: a field of the wrong JSON type, then
     *                             what {@link NewDeviceJson#toNewDevice()} finds in the others
     */
    private NewDevice device(JsonNode row) {
        if (!(row instanceof ObjectNode object)) {
            throw new ValidationException(Map.of("row", List.of("must be a JSON object")));
        }
        ObjectNode fields = object.deepCopy();
        Map<String, List<String>> wrongType = new LinkedHashMap<>();
        while (true) {
            NewDeviceJson bound;
            try {
                bound = json.treeToValue(fields, NewDeviceJson.class);
            } catch (MismatchedInputException mismatch) {
                String field = mismatch.getPath().isEmpty() ? null : mismatch.getPath().get(0).getPropertyName();
                if (field == null || fields.remove(field) == null) {
                    throw new ValidationException(Map.of("row", List.of("is not a device")));
                }
                wrongType.put(field, List.of(WRONG_TYPE));
                continue;
            }
            return withErrors(bound, wrongType);
        }
    }

    /** The device, unless it or the fields that could not be read have errors. */
    private static NewDevice withErrors(NewDeviceJson bound, Map<String, List<String>> wrongType) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        try {
            NewDevice device = bound.toNewDevice();
            if (wrongType.isEmpty()) {
                return device;
            }
        } catch (ValidationException invalid) {
            errors.putAll(invalid.errors());
        }
        errors.putAll(wrongType); // a field that could not be read is that, not also missing
        throw new ValidationException(errors);
    }

    private static @Nullable ImportMode mode(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "create" -> ImportMode.CREATE;
            case "create-or-update" -> ImportMode.CREATE_OR_UPDATE;
            default -> null;
        };
    }

    private static ResponseEntity<Object> invalid(HttpStatus status, String field, String reason) {
        ValidationException invalid = new ValidationException(Map.of(field, List.of(reason)));
        return ResponseEntity.status(status).body(ValidationErrorJson.of(invalid));
    }
}
