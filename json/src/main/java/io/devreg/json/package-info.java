/**
 * The JSON shapes of the billing API that devreg sits behind ({@code POST
 * /api/v1/billing/devices/reserve} and its siblings), as records annotated for Jackson: a device in
 * the API's field names, its two error bodies, the request bodies, events and pages.
 *
 * <p>Start at {@link io.devreg.json.DeviceResponse#of}: it runs a registry operation and gives the
 * HTTP status and body the billing API answers with. The records carry Jackson annotations only,
 * so Jackson 2 and Jackson 3 write them alike; no mapper configuration is needed.
 */
@NullMarked
package io.devreg.json;

import org.jspecify.annotations.NullMarked;
