package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceUpdateTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-01-01T00:00:01.000001Z");
    private static final Device CURRENT = new Device(3, "mediaagent", new UUID(1, 2), "sn", "fake_mac_5",
            DeviceStatus.RESERVED, "old name", "1.0", CREATED, CREATED, false, 4);

    @Test
    void anUpdateChangesOnlyWhatItSetsAndBumpsTheRevision() {
        DeviceUpdate update = DeviceUpdate.builder().name("  new name ").build();

        Device updated = update.applyTo(CURRENT, LATER);

        assertThat(updated).isEqualTo(new Device(3, "mediaagent", new UUID(1, 2), "sn", "fake_mac_5",
                DeviceStatus.RESERVED, "new name", "1.0", CREATED, LATER, false, 5));
    }

    @Test
    void versionAndOnlineChangeTogether() {
        Device updated = DeviceUpdate.builder().version("1.1.1.1").online(true).build().applyTo(CURRENT, LATER);

        assertThat(updated.version()).isEqualTo("1.1.1.1");
        assertThat(updated.online()).isTrue();
        assertThat(updated.name()).isEqualTo("old name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\t"})
    void aBlankNameClearsIt(String blank) {
        DeviceUpdate update = DeviceUpdate.builder().name(blank).build();

        assertThat(update.setsName()).isTrue();
        assertThat(update.name()).isNull();
        assertThat(update.applyTo(CURRENT, LATER).name()).isNull();
    }

    @Test
    void aNullVersionClearsIt() {
        assertThat(DeviceUpdate.builder().version(null).build().applyTo(CURRENT, LATER).version()).isNull();
    }

    @Test
    void anUpdateThatChangesNothingIsRefused() {
        ValidationException e = invalid(DeviceUpdate.builder());

        assertThat(e.errors()).containsOnlyKeys("update");
    }

    @Test
    void anUpdateWithoutExpectedRevisionAppliesToAnyRevision() {
        DeviceUpdate update = DeviceUpdate.builder().online(true).build();

        assertThat(update.expectedRevision()).isEmpty();
        assertThat(update.appliesTo(CURRENT)).isTrue();
    }

    @Test
    void anExpectedRevisionMustBeTheDevicesCurrentOne() {
        assertThat(DeviceUpdate.builder().online(true).expectedRevision(4).build().appliesTo(CURRENT)).isTrue();
        assertThat(DeviceUpdate.builder().online(true).expectedRevision(3).build().appliesTo(CURRENT)).isFalse();
        assertThat(DeviceUpdate.builder().online(true).expectedRevision(5).build().appliesTo(CURRENT)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void anExpectedRevisionMustBePositive(long revision) {
        ValidationException e = invalid(DeviceUpdate.builder().online(true).expectedRevision(revision));

        assertThat(e.errors()).containsOnlyKeys("expected_revision");
    }

    @Test
    void theNameAndVersionFollowTheFieldRulesAndAreReportedTogether() {
        ValidationException e = invalid(DeviceUpdate.builder().name("n".repeat(256)).version("v\u0007"));

        assertThat(e.errors()).containsOnlyKeys("name", "version");
        assertThat(e.errors().get("name")).containsExactly("must be at most 255 characters");
        assertThat(e.errors().get("version")).containsExactly("must not contain control characters");
    }

    @Test
    void theLimitsAreInclusive() {
        DeviceUpdate update = DeviceUpdate.builder().name("n".repeat(255)).version("v".repeat(64)).build();

        assertThat(update.name()).hasSize(255);
        assertThat(update.version()).hasSize(64);
    }

    @Test
    void equalUpdatesAreEqual() {
        assertThat(DeviceUpdate.builder().name(" a ").expectedRevision(2).build())
                .isEqualTo(DeviceUpdate.builder().name("a").expectedRevision(2).build())
                .hasSameHashCodeAs(DeviceUpdate.builder().name("a").expectedRevision(2).build())
                .isNotEqualTo(DeviceUpdate.builder().name("a").build());
    }

    @Test
    void anUpdateSetsOnlyTheAttributesItWasGiven() {
        DeviceUpdate versionOnly = DeviceUpdate.builder().version("1.1.1.1").build();
        DeviceUpdate nameOnly = DeviceUpdate.builder().name("hall").build();
        DeviceUpdate onlineOnly = DeviceUpdate.builder().online(false).build();

        assertThat(versionOnly.setsVersion()).isTrue();
        assertThat(versionOnly.setsName()).isFalse();
        assertThat(versionOnly.online()).isEmpty();
        assertThat(nameOnly.setsName()).isTrue();
        assertThat(nameOnly.setsVersion()).isFalse();
        assertThat(onlineOnly.setsName()).isFalse();
        assertThat(onlineOnly.setsVersion()).isFalse();
        assertThat(onlineOnly.online()).contains(false);
    }

    @Test
    void settingAVersionToNullIsSettingItNotLeavingItAlone() {
        DeviceUpdate clearing = DeviceUpdate.builder().version(null).build();

        assertThat(clearing.setsVersion()).isTrue();
        assertThat(clearing.version()).isNull();
        assertThat(clearing.setsName()).isFalse();
    }

    @Test
    void updatesThatDifferInOneAttributeAreDifferentAndHashDifferently() {
        List<DeviceUpdate> updates = List.of(
                DeviceUpdate.builder().name("a").build(),
                DeviceUpdate.builder().name("b").build(),
                DeviceUpdate.builder().name(null).build(),
                DeviceUpdate.builder().version("a").build(),
                DeviceUpdate.builder().version(null).build(),
                DeviceUpdate.builder().name("a").online(true).build(),
                DeviceUpdate.builder().name("a").online(false).build(),
                DeviceUpdate.builder().name("a").expectedRevision(2).build(),
                DeviceUpdate.builder().name("a").expectedRevision(3).build(),
                DeviceUpdate.builder().online(true).build(),
                DeviceUpdate.builder().online(true).name(null).build(),      // clears the name: not the same update
                DeviceUpdate.builder().online(true).version(null).build());

        for (int i = 0; i < updates.size(); i++) {
            for (int j = 0; j < updates.size(); j++) {
                if (i != j) {
                    assertThat(updates.get(i)).isNotEqualTo(updates.get(j));
                }
            }
        }
        assertThat(updates.stream().map(DeviceUpdate::hashCode).distinct()).hasSameSizeAs(updates);
    }

    @Test
    void anUpdateDescribesWhatItSetsAndNothingElse() {
        assertThat(DeviceUpdate.builder().name("hall").expectedRevision(7).build().toString())
                .contains("name=hall", "expectedRevision=7").doesNotContain("version", "online");
        assertThat(DeviceUpdate.builder().version(null).online(true).build().toString())
                .contains("version=null", "online=true").doesNotContain("name", "expectedRevision");
    }

    private static ValidationException invalid(DeviceUpdate.Builder builder) {
        return catchThrowableOfType(ValidationException.class, builder::build);
    }
}
