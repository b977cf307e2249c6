package io.devreg.examples.boot;

import io.devreg.DeviceRegistry;
import io.devreg.ValidationException;
import io.devreg.json.DeviceResponse;
import io.devreg.json.UsageJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What to bill an account: {@code GET /api/v1/billing/accounts/{account}/usage?from=..&to=..}, the
 * periods each device was active on it within {@code [from, to)} ({@link UsageJson}). 422 with the
 * fields at fault for an invalid account, a missing or malformed instant, or a period that ends
 * before it begins.
 */
@RestController
@RequestMapping(path = "/api/v1/billing/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
class UsageController {

    private final DeviceRegistry registry;

    UsageController(DeviceRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/{account}/usage")
    ResponseEntity<Object> usage(@PathVariable("account") String account,
            @RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to) {
        DeviceResponse response = DeviceResponse.of(() -> {
            Map<String, List<String>> errors = new LinkedHashMap<>();
            Instant start = instant("from", from, errors);
            Instant end = instant("to", to, errors);
            if (start == null || end == null) {
                throw new ValidationException(errors);
            }
            return UsageJson.of(account, start, end, registry.usage(account, start, end));
        }, usage -> usage);
        return ResponseEntity.status(response.httpStatus()).body(response.body());
    }

    /** The instant {@code value} gives, or null with the reason in {@code errors}. */
    private static @Nullable Instant instant(String field, @Nullable String value, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, List.of("is required"));
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, List.of("must be an ISO-8601 instant such as 2026-12-01T00:00:00Z"));
            return null;
        }
    }
}
