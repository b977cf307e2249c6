package io.devreg.examples.boot;

import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.Hold;
import io.devreg.ReserveRequest;
import io.devreg.ValidationException;
import io.devreg.json.ActivateRequestJson;
import io.devreg.json.DeviceResponse;
import io.devreg.json.NewDeviceJson;
import io.devreg.json.ReserveRequestJson;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The billing API's device endpoints. Every answer comes from {@link DeviceResponse}: 200 with the
 * device, 400 {@code {"message","code"}} when the device's state refuses, 422
 * {@code {"message","errors"}} for invalid input, 503 when the store fails. Writes take an
 * {@code Idempotency-Key} header ({@link IdempotentWrites}); the holds' own endpoints are
 * {@link HoldController}'s.
 */
@RestController
@RequestMapping(path = "/api/v1/billing/devices", produces = MediaType.APPLICATION_JSON_VALUE)
class DeviceController {

    private final DeviceRegistry registry;
    private final IdempotentWrites writes;

    DeviceController(DeviceRegistry registry, IdempotentWrites writes) {
        this.registry = registry;
        this.writes = writes;
    }

    /**
     * The seed's endpoint: reserve the device the body names (available → reserve). With a
     * {@code holder} (and a {@code ttl} in seconds) a hold that only its holder extends, releases or
     * activates; without them exactly the billing API's anonymous reserve.
     */
    @PostMapping(path = "/reserve", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> reserve(@RequestBody ReserveRequestJson body, @RequestHeader HttpHeaders headers) {
        Hold hold = body.toHold();
        return writes.run(headers, view -> hold == null ? view.reserve(body.toRequest())
                : view.reserve(body.toRequest(), hold));
    }

    /**
     * Activate the device the body names, on its {@code account} if it names one; a reserved one
     * only with {@code skip_reserve_check}, or by the hold's own {@code holder}.
     */
    @PostMapping(path = "/activate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> activate(@RequestBody ActivateRequestJson body, @RequestHeader HttpHeaders headers) {
        // Without account and holder this is activate(ActivateRequest) exactly: that is how the registry runs it.
        return writes.run(headers, view -> view.activate(body.toRequest().ref(), body.toActivation()));
    }

    /** Register a device (initialization). Not in the seed; the service needs devices to serve. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> register(@RequestBody NewDeviceJson body, @RequestHeader HttpHeaders headers) {
        return writes.run(headers, view -> view.register(body.toNewDevice()));
    }

    /** Mark the device the body names available (initialization → available). */
    @PostMapping(path = "/mark-available", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> markAvailable(@RequestBody ReserveRequestJson body, @RequestHeader HttpHeaders headers) {
        return writes.run(headers, view -> view.markAvailable(body.toRequest().ref()));
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
