package io.devreg.examples.boot;

import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.ReserveRequest;
import io.devreg.ValidationException;
import io.devreg.json.ActivateRequestJson;
import io.devreg.json.DeviceResponse;
import io.devreg.json.NewDeviceJson;
import io.devreg.json.ReserveRequestJson;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The billing API's device endpoints. Every answer comes from {@link DeviceResponse}: 200 with the
 * device, 400 {@code {"message","code"}} when the device's state refuses, 422
 * {@code {"message","errors"}} for invalid input, 503 when the store fails.
 */
@RestController
@RequestMapping(path = "/api/v1/billing/devices", produces = MediaType.APPLICATION_JSON_VALUE)
class DeviceController {

    private final DeviceRegistry registry;

    DeviceController(DeviceRegistry registry) {
        this.registry = registry;
    }

    /** The seed's endpoint: reserve the device the body names (available → reserve). */
    @PostMapping(path = "/reserve", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> reserve(@RequestBody ReserveRequestJson body) {
        return answer(DeviceResponse.ofDevice(() -> registry.reserve(body.toRequest())));
    }

    /** Activate the device the body names; a reserved one only with {@code skip_reserve_check}. */
    @PostMapping(path = "/activate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> activate(@RequestBody ActivateRequestJson body) {
        return answer(DeviceResponse.ofDevice(() -> registry.activate(body.toRequest())));
    }

    /** Register a device (initialization). Not in the seed; the service needs devices to serve. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> register(@RequestBody NewDeviceJson body) {
        return answer(DeviceResponse.ofDevice(() -> registry.register(body.toNewDevice())));
    }

    /** Mark the device the body names available (initialization → available). */
    @PostMapping(path = "/mark-available", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> markAvailable(@RequestBody ReserveRequestJson body) {
        return answer(DeviceResponse.ofDevice(() -> registry.markAvailable(body.toRequest().ref())));
    }

    /** Look a device up by id. */
    @GetMapping("/{id}")
    ResponseEntity<Object> byId(@PathVariable("id") String id) {
        return answer(DeviceResponse.ofDevice(() -> registry.get(DeviceRef.id(parseId(id)))));
    }

    /** Look a device up by identity: {@code ?type=...&mac=...&serial_number=...}. */
    @GetMapping
    ResponseEntity<Object> byIdentity(
            @RequestParam(name = "type", required = false) @Nullable String type,
            @RequestParam(name = "mac", required = false) @Nullable String mac,
            @RequestParam(name = "serial_number", required = false) @Nullable String serialNumber) {
        return answer(DeviceResponse.ofDevice(() -> registry.get(new ReserveRequest(type, mac, serialNumber).ref())));
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ValidationException(Map.of("id", List.of("must be a positive whole number")));
        }
    }

    private static ResponseEntity<Object> answer(DeviceResponse response) {
        return ResponseEntity.status(response.httpStatus()).body(response.body());
    }
}
