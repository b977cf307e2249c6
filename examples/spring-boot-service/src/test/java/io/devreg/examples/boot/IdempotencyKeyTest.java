package io.devreg.examples.boot;

import static io.devreg.examples.boot.GivenDevices.HOLDER;
import static io.devreg.examples.boot.GivenDevices.given;
import static io.devreg.examples.boot.GivenDevices.identity;
import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.examples.boot.BillingApi.RawAnswer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The {@code Idempotency-Key} header over real HTTP, on every write endpoint: a replay answers the
 * same status and body with {@code Idempotent-Replayed: true} and changes nothing; the same key with
 * another request answers 422 with 33905; a key over 255 characters 400; any other invalid key 422.
 */
class IdempotencyKeyTest extends ServiceOnEmbeddedStore {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final AtomicInteger KEYS = new AtomicInteger();

    /** Each write endpoint, the status its device must be in, and the body's fields beside the device's identity. */
    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of("", null, "\"type\": \"settopbox\", \"mac\": \"MAC\", \"version\": \"2.0\""),
                Arguments.of("/mark-available", DeviceStatus.INITIALIZING, ""),
                Arguments.of("/reserve", DeviceStatus.AVAILABLE, ""),
                Arguments.of("/reserve", DeviceStatus.AVAILABLE, ", \"holder\": \"checkout-7\", \"ttl\": 600"),
                Arguments.of("/extend", DeviceStatus.RESERVED, ", \"holder\": \"" + HOLDER + "\", \"ttl\": 1200"),
                Arguments.of("/release", DeviceStatus.RESERVED, ", \"holder\": \"" + HOLDER + "\""),
                Arguments.of("/release", DeviceStatus.RESERVED, ""),
                Arguments.of("/force-release", DeviceStatus.RESERVED, ", \"reason\": \"stuck\""),
                Arguments.of("/activate", DeviceStatus.AVAILABLE, ", \"account\": \"acct-1001\""),
                Arguments.of("/activate", DeviceStatus.RESERVED, ", \"skip_reserve_check\": true"));
    }

    @ParameterizedTest(name = "POST {0} {2}")
    @MethodSource("writes")
    void a_replay_answers_the_same_status_and_body_marked_replayed_and_changes_nothing(String path,
            DeviceStatus given, String fields) {
        String body = given == null ? "{" + fields.replace("MAC", "mac-key-" + KEYS.incrementAndGet()) + "}"
                : "{" + identity(given(registry, given)) + fields + "}";
        String key = "retry-" + KEYS.incrementAndGet();

        HttpResponse<String> first = api.post(path, body, KEY, key);
        long id = BillingApi.JSON.readTree(first.body()).get("id").asLong();
        List<DeviceEvent> history = registry.history(DeviceRef.id(id));
        HttpResponse<String> replay = api.post(path, body, KEY, key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue(REPLAYED)).isEmpty();
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue(REPLAYED)).hasValue("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(registry.history(DeviceRef.id(id))).as("no change, no event").isEqualTo(history);
        assertThat(history.get(history.size() - 1).idempotencyKey()).isEqualTo(key);
    }

    @Test
    void without_a_key_a_repeated_write_is_judged_again_and_nothing_is_marked_replayed() {
        Device device = given(registry, DeviceStatus.AVAILABLE);

        HttpResponse<String> first = api.post("/reserve", "{" + identity(device) + "}");
        HttpResponse<String> again = api.post("/reserve", "{" + identity(device) + "}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(first.headers().firstValue(REPLAYED)).isEmpty();
        assertThat(again.headers().firstValue(REPLAYED)).isEmpty();
    }

    @Test
    void the_same_key_with_another_request_answers_422_with_33905_and_changes_nothing() {
        Device device = given(registry, DeviceStatus.AVAILABLE);
        api.post("/reserve", "{" + identity(device) + ", \"holder\": \"h\", \"ttl\": 60}", KEY, "k-mismatch");
        Device reserved = registry.get(DeviceRef.id(device.id()));

        HttpResponse<String> otherTtl = api.post("/reserve", "{" + identity(device) + ", \"holder\": \"h\", \"ttl\": 61}",
                KEY, "k-mismatch");
        HttpResponse<String> otherEndpoint = api.post("/release", "{" + identity(device) + "}", KEY, "k-mismatch");

        for (HttpResponse<String> response : List.of(otherTtl, otherEndpoint)) {
            assertThat(response.statusCode()).isEqualTo(422);
            JsonNode body = BillingApi.JSON.readTree(response.body());
            assertThat(body.propertyNames()).containsExactly("message", "code");
            assertThat(body.get("code").asInt()).isEqualTo(33905);
            assertThat(response.headers().firstValue(REPLAYED)).isEmpty();
        }
        assertThat(registry.get(DeviceRef.id(device.id()))).isEqualTo(reserved);
    }

    @Test
    void a_refused_write_records_nothing_so_its_retry_is_judged_afresh() {
        Device device = given(registry, DeviceStatus.INITIALIZING);

        HttpResponse<String> refused = api.post("/reserve", "{" + identity(device) + "}", KEY, "k-refused");
        registry.markAvailable(DeviceRef.id(device.id()));
        HttpResponse<String> retried = api.post("/reserve", "{" + identity(device) + "}", KEY, "k-refused");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(BillingApi.JSON.readTree(refused.body()).get("code").asInt()).isEqualTo(33622);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue(REPLAYED)).isEmpty();
    }

    @Test
    void concurrent_requests_with_one_key_make_one_write_and_all_answer_its_result() throws Exception {
        Device device = given(registry, DeviceStatus.AVAILABLE);
        String body = "{" + identity(device) + ", \"holder\": \"checkout-9\", \"ttl\": 600}";
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> api.post("/reserve", body, KEY, "k-concurrent"));
        }

        List<HttpResponse<String>> responses = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (Future<HttpResponse<String>> response : threads.invokeAll(calls)) {
                responses.add(response.get());
            }
        } finally {
            threads.shutdown();
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.get(0).body());
        assertThat(responses).filteredOn(response -> response.headers().firstValue(REPLAYED).isEmpty()).hasSize(1);
        assertThat(registry.history(DeviceRef.id(device.id())))
                .filteredOn(event -> event.operation() == DeviceOperation.RESERVE).hasSize(1);
    }

    @Test
    void a_key_of_255_characters_is_a_key_and_one_of_256_answers_400_on_idempotency_key() {
        Device device = given(registry, DeviceStatus.AVAILABLE);

        HttpResponse<String> longest = api.post("/reserve", "{" + identity(device) + "}", KEY, "k".repeat(255));
        HttpResponse<String> tooLong = api.post("/release", "{" + identity(device) + "}", KEY, "k".repeat(256));

        assertThat(longest.statusCode()).isEqualTo(200);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(BillingApi.JSON.readTree(tooLong.body()).get("errors").get("idempotency_key").get(0).asString())
                .isEqualTo("must be at most 255 characters");
        assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(DeviceStatus.RESERVED);
    }

    @Test
    void a_key_longer_than_the_servers_header_limit_is_refused_with_400_too() {
        Device device = given(registry, DeviceStatus.AVAILABLE);

        HttpResponse<String> response = api.post("/reserve", "{" + identity(device) + "}", KEY, "k".repeat(10_000));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(DeviceStatus.AVAILABLE);
    }

    static Stream<Arguments> invalidKeys() {
        return Stream.of(
                Arguments.of("empty", "Idempotency-Key:\r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("blank", "Idempotency-Key:    \r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("a tab inside", "Idempotency-Key: a\tb\r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("UTF-8 beyond ASCII", "Idempotency-Key: cl\u00e9\r\n".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("a Latin-1 byte", "Idempotency-Key: cl\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidKeys")
    void any_other_invalid_key_answers_422_on_idempotency_key_and_changes_nothing(String name, byte[] header) {
        Device device = given(registry, DeviceStatus.AVAILABLE);

        RawAnswer answer = api.postRaw("/reserve", header, "{" + identity(device) + "}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("errors").propertyNames()).containsExactly("idempotency_key");
        assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(DeviceStatus.AVAILABLE);
    }

    @Test
    void the_header_given_twice_answers_400_and_a_raw_control_character_the_servers_own_400() {
        Device device = given(registry, DeviceStatus.AVAILABLE);
        String identity = "{" + identity(device) + "}";

        RawAnswer twice = api.postRaw("/reserve",
                "Idempotency-Key: a\r\nIdempotency-Key: b\r\n".getBytes(StandardCharsets.US_ASCII), identity);
        RawAnswer bell = api.postRaw("/reserve", "Idempotency-Key: a\u0007b\r\n".getBytes(StandardCharsets.US_ASCII),
                identity);

        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("errors").get("idempotency_key").get(0).asString()).isEqualTo("must be given once");
        assertThat(bell.status()).isEqualTo(400);
        assertThat(registry.get(DeviceRef.id(device.id())).status()).isEqualTo(DeviceStatus.AVAILABLE);
    }
}
