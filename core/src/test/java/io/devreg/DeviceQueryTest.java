package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceQueryTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aQueryWithoutFiltersSelectsEveryDeviceFromTheStartInPagesOfOneHundred() {
        DeviceQuery query = DeviceQuery.builder().build();

        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.afterId()).isZero();
        assertThat(query.after()).isEmpty();
        assertThat(query.matches(device("mediaagent", DeviceStatus.DEACTIVATING, false))).isTrue();
    }

    @Test
    void everyFilterMustMatch() {
        DeviceQuery query = DeviceQuery.builder().type(" mediaagent ").status(DeviceStatus.AVAILABLE, DeviceStatus.RESERVED)
                .online(true).build();

        assertThat(query.matches(device("mediaagent", DeviceStatus.RESERVED, true))).isTrue();
        assertThat(query.matches(device("mediaagent", DeviceStatus.ACTIVATED, true))).isFalse();
        assertThat(query.matches(device("camera", DeviceStatus.RESERVED, true))).isFalse();
        assertThat(query.matches(device("mediaagent", DeviceStatus.RESERVED, false))).isFalse();
    }

    @Test
    void aLimitFromOneToOneThousandIsAllowed() {
        assertThat(DeviceQuery.builder().limit(1).build().limit()).isEqualTo(1);
        assertThat(DeviceQuery.builder().limit(1000).build().limit()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aLimitOutOfRangeIsRefused(int limit) {
        assertThat(invalid(DeviceQuery.builder().limit(limit)).errors()).containsOnlyKeys("limit");
    }

    @Test
    void aBlankOrOverlongTypeIsRefusedButNoTypeMeansAnyType() {
        assertThat(invalid(DeviceQuery.builder().type(" ")).errors()).containsOnlyKeys("type");
        assertThat(invalid(DeviceQuery.builder().type("t".repeat(65))).errors()).containsOnlyKeys("type");
        assertThat(DeviceQuery.builder().type(null).build().type()).isEmpty();
    }

    @Test
    void aCursorNamesTheIdItWasIssuedFor() {
        String cursor = Cursor.encode(42);

        assertThat(Cursor.decode(cursor)).hasValue(42);
        assertThat(DeviceQuery.builder().after(cursor).build().afterId()).isEqualTo(42);
        assertThat(DeviceQuery.builder().after(cursor).build().after()).contains(cursor);
    }

    @Test
    void theLargestIdSurvivesACursor() {
        assertThat(DeviceQuery.builder().after(Cursor.encode(Long.MAX_VALUE)).build().afterId())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aContinuedQueryKeepsItsFiltersAndStartsAfterTheLastId() {
        DeviceQuery first = DeviceQuery.builder().type("mediaagent").limit(5).build();

        DeviceQuery next = first.continuedAfter(17);

        assertThat(next.afterId()).isEqualTo(17);
        assertThat(next.type()).contains("mediaagent");
        assertThat(next.limit()).isEqualTo(5);
        assertThat(next).isEqualTo(DeviceQuery.builder().type("mediaagent").limit(5).after(Cursor.encode(17)).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "42", "not a cursor", "%%%%", "ZGV2cmVnOjE6NDI=====",  // no base64 of ours
            "ZGV2cmVnOjE6NDI\u0000", "ZGV2cmVnOjE6NDI\u00e9"})          // a valid cursor with junk after it
    void aForgedCursorIsRefusedOnTheKeyAfter(String forged) {
        assertThat(invalid(DeviceQuery.builder().after(forged)).errors()).containsOnlyKeys("after");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "devreg:1:-5", "devreg:1:0", "devreg:1:", "devreg:1:+5", "devreg:1: 5", "devreg:1:5x", "devreg:1:1e3",
            "devreg:2:5", "other:1:5", "devreg:1:99999999999999999999", "devreg:1:\u0665"})
    void aCursorWithAForgedPayloadIsRefused(String payload) {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));

        assertThat(invalid(DeviceQuery.builder().after(forged)).errors()).containsOnlyKeys("after");
    }

    @Test
    void aCorruptedCursorIsRefused() {
        char[] cursor = Cursor.encode(42).toCharArray();
        cursor[3] = cursor[3] == 'A' ? 'B' : 'A';

        assertThat(invalid(DeviceQuery.builder().after(new String(cursor))).errors()).containsOnlyKeys("after");
    }

    @Test
    void anOverlongCursorIsRefusedEvenIfItDecodes() {
        String overlong = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("devreg:1:" + "0".repeat(60) + "42").getBytes(StandardCharsets.US_ASCII));

        assertThat(invalid(DeviceQuery.builder().after(overlong)).errors()).containsOnlyKeys("after");
        assertThat(invalid(DeviceQuery.builder().after("A".repeat(100_000))).errors()).containsOnlyKeys("after");
    }

    @Test
    void everyBadPartOfAQueryIsReportedAtOnce() {
        ValidationException e = invalid(DeviceQuery.builder().type("").limit(0).after("forged"));

        assertThat(e.errors()).containsOnlyKeys("type", "limit", "after");
    }

    @Test
    void theStatusesOfABuiltQueryCannotBeChanged() {
        DeviceQuery query = DeviceQuery.builder().status(DeviceStatus.AVAILABLE).build();

        assertThat(query.statuses()).containsExactly(DeviceStatus.AVAILABLE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> query.statuses().add(DeviceStatus.RESERVED))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCursorOfExactlySixtyFourCharactersIsStillReadAndOneLongerIsNot() {
        // the cursor's payload, padded with zeros so that its base64 has exactly 64 characters (48 bytes)
        String longest = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("devreg:1:" + "0".repeat(37) + "42").getBytes(StandardCharsets.US_ASCII));
        String longer = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("devreg:1:" + "0".repeat(38) + "42").getBytes(StandardCharsets.US_ASCII));

        assertThat(longest).hasSize(64);
        assertThat(DeviceQuery.builder().after(longest).build().afterId()).isEqualTo(42);
        assertThat(longer).hasSizeGreaterThan(64);
        assertThat(invalid(DeviceQuery.builder().after(longer)).errors()).containsOnlyKeys("after");
    }

    @Test
    void theOnlineFilterReadsBack() {
        assertThat(DeviceQuery.builder().online(true).build().online()).contains(true);
        assertThat(DeviceQuery.builder().online(false).build().online()).contains(false);
        assertThat(DeviceQuery.builder().build().online()).isEmpty();
    }

    @Test
    void queriesWithTheSameFiltersAndPositionAreEqual() {
        String cursor = Cursor.encode(17);

        DeviceQuery query = DeviceQuery.builder().type("mediaagent").status(DeviceStatus.RESERVED, DeviceStatus.AVAILABLE)
                .online(true).limit(5).after(cursor).build();

        assertThat(query).isEqualTo(DeviceQuery.builder().type(" mediaagent ").status(DeviceStatus.AVAILABLE)
                        .status(DeviceStatus.RESERVED).online(true).limit(5).after(cursor).build())
                .hasSameHashCodeAs(DeviceQuery.builder().type(" mediaagent ").status(DeviceStatus.AVAILABLE)
                        .status(DeviceStatus.RESERVED).online(true).limit(5).after(cursor).build())
                .isNotEqualTo(null)
                .isNotEqualTo(cursor);
    }

    @Test
    void queriesThatDifferInOneFilterOrPositionAreDifferentAndHashDifferently() {
        List<DeviceQuery> queries = List.of(
                DeviceQuery.builder().build(),
                DeviceQuery.builder().type("mediaagent").build(),
                DeviceQuery.builder().type("camera").build(),
                DeviceQuery.builder().status(DeviceStatus.AVAILABLE).build(),
                DeviceQuery.builder().status(DeviceStatus.AVAILABLE, DeviceStatus.RESERVED).build(),
                DeviceQuery.builder().online(true).build(),
                DeviceQuery.builder().online(false).build(),
                DeviceQuery.builder().limit(5).build(),
                DeviceQuery.builder().after(Cursor.encode(17)).build(),
                DeviceQuery.builder().after(Cursor.encode(18)).build());

        for (int i = 0; i < queries.size(); i++) {
            for (int j = 0; j < queries.size(); j++) {
                if (i != j) {
                    assertThat(queries.get(i)).isNotEqualTo(queries.get(j));
                }
            }
        }
        assertThat(queries.stream().map(DeviceQuery::hashCode).distinct()).hasSameSizeAs(queries);
    }

    @Test
    void aQueryDescribesItsFiltersAndPosition() {
        DeviceQuery query = DeviceQuery.builder().type("mediaagent").status(DeviceStatus.RESERVED).online(false)
                .limit(5).after(Cursor.encode(17)).build();

        assertThat(query.toString()).contains("mediaagent", "RESERVED", "false", "5", "17");
    }

    private static ValidationException invalid(DeviceQuery.Builder builder) {
        return catchThrowableOfType(ValidationException.class, builder::build);
    }

    private static Device device(String type, DeviceStatus status, boolean online) {
        return new Device(1, type, UUID.randomUUID(), null, "fake_mac_5", status, null, null, AT, AT, online, 1);
    }
}
