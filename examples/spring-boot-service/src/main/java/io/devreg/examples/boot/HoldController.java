package io.devreg.examples.boot;

import io.devreg.json.ForceReleaseRequestJson;
import io.devreg.json.HoldRequestJson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints of holds (version 2): the holder extends or releases its own hold, an operator
 * ends anyone's. Answered as every device endpoint ({@link DeviceController}), with the
 * {@code Idempotency-Key} header ({@link IdempotentWrites}). Reserving with a holder and activating
 * by the holder are the seed's reserve and the activate endpoint, with their optional fields.
 */
@RestController
@RequestMapping(path = "/api/v1/billing/devices", produces = MediaType.APPLICATION_JSON_VALUE)
class HoldController {

    private final IdempotentWrites writes;

    HoldController(IdempotentWrites writes) {
        this.writes = writes;
    }

    /**
     * The holder's hold now ends {@code ttl} seconds from now: 400 with 33599 when someone else
     * holds the device, 33901 when nobody does, 33904 past the maximum hold lifetime.
     */
    @PostMapping(path = "/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> extend(@RequestBody HoldRequestJson body, @RequestHeader HttpHeaders headers) {
        return writes.run(headers, view -> view.extend(body.toRequest().ref(), body.toHold()));
    }

    /**
     * reserve → available. With a {@code holder}, only that holder's hold (else 400 with 33599, or
     * 33901 when there is none); without one, version 1's release of any hold.
     */
    @PostMapping(path = "/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> release(@RequestBody HoldRequestJson body, @RequestHeader HttpHeaders headers) {
        String holder = body.holder();
        return writes.run(headers, view -> holder == null ? view.release(body.toRequest().ref())
                : view.release(body.toRequest().ref(), holder));
    }

    /** An operator ends any hold; the required {@code reason} is recorded on the force_release event. */
    @PostMapping(path = "/force-release", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> forceRelease(@RequestBody ForceReleaseRequestJson body, @RequestHeader HttpHeaders headers) {
        // The registry reports a missing reason as a field error, as it does a blank one.
        return writes.run(headers, view -> view.forceRelease(body.toRequest().ref(), body.reason()));
    }
}
