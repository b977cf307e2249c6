package io.devreg.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.benchmarks.DeviceKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDBC baselines do, on devreg's own tables, the durable work devreg does: what a baseline
 * wrote, devreg reads back as its own. Runs on H2 and on a real PostgreSQL.
 */
class RawJdbcTest {

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theBaselinesWritesAreDevicesAndEventsDevregReadsBack(String database) throws Exception {
        try (BenchmarkDatabase db = BenchmarkDatabase.open(database, 4, DeviceStatus.AVAILABLE);
             RawJdbc writes = db.raw(true);
             RawJdbc reads = db.raw(false)) {
            DeviceRegistry registry = db.registry(false);
            String mac = DeviceKeys.mac(1);

            boolean reserved = writes.transition(DeviceKeys.TYPE, mac, DeviceOperation.RESERVE, DeviceStatus.AVAILABLE,
                    DeviceStatus.RESERVED, AT);
            boolean reservedAgain = writes.transition(DeviceKeys.TYPE, mac, DeviceOperation.RESERVE,
                    DeviceStatus.AVAILABLE, DeviceStatus.RESERVED, AT);

            assertThat(reserved).isTrue();
            assertThat(reservedAgain).isFalse();
            Device device = registry.get(DeviceRef.identity(DeviceKeys.TYPE, mac, null));
            assertThat(device.status()).isEqualTo(DeviceStatus.RESERVED);
            assertThat(device.revision()).isEqualTo(2);
            assertThat(device.lastUpdatedAt()).isEqualTo(AT);
            assertThat(reads.get(DeviceKeys.TYPE, mac)).isEqualTo(device);
            assertThat(registry.history(DeviceRef.id(device.id())))
                    .extracting(event -> event.operation() + " " + event.from() + " -> " + event.to())
                    .containsExactly("REGISTER null -> INITIALIZING", "RESERVE AVAILABLE -> RESERVED");

            boolean registered = writes.insert(DeviceKeys.TYPE, UUID.randomUUID(), DeviceKeys.mac(4),
                    DeviceKeys.serialNumber(4), DeviceKeys.VERSION, AT);

            assertThat(registered).isTrue();
            Device newDevice = registry.get(DeviceRef.identity(DeviceKeys.TYPE, DeviceKeys.mac(4), null));
            assertThat(newDevice.id()).isEqualTo(5);
            assertThat(newDevice.status()).isEqualTo(DeviceStatus.INITIALIZING);
            assertThat(registry.history(DeviceRef.id(5))).hasSize(1);
            assertThat(reads.get(DeviceKeys.TYPE, "02:ff:ff:ff:ff:ff")).isNull();
        }
    }
}
