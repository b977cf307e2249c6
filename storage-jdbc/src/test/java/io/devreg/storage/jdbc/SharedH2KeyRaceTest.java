package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.RequestContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A write under an idempotency key, through a store on a shared H2 database (concurrent writers, not
 * the embedded one), while another transaction holds an uncommitted row of the same key: the key's
 * insert waits for that transaction (as {@link KeyStatements} says) and, once it has rolled back,
 * the write applies, with exactly one RESERVE and the key recorded; it does not fail as a storage
 * failure, and a replay answers the record.
 */
class SharedH2KeyRaceTest {

    @Test
    void aKeyHeldByATransactionStillRunningIsWaitedForThenWritten() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        try (JdbcDeviceStore store = JdbcDeviceStore.builder(TestDatabases.h2InMemory()).tablePrefix(prefix).build();
                Connection blocker = TestDatabases.h2InMemory().getConnection()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            Device device = registry.register(NewDevice.builder("cam").serialNumber("held-1").build());
            registry.markAvailable(DeviceRef.id(device.id()));

            blocker.setAutoCommit(false);
            try (PreparedStatement hold = blocker.prepareStatement("INSERT INTO " + prefix + "idempotency_keys"
                    + " (idempotency_key, fingerprint, recorded_at) VALUES ('held', 'another request', ?)")) {
                hold.setObject(1, OffsetDateTime.now());
                hold.executeUpdate();
            }
            CompletableFuture<Device> reserved = CompletableFuture.supplyAsync(() -> registry
                    .with(RequestContext.builder().idempotencyKey("held").build()).reserve(DeviceRef.id(device.id())));
            assertThat(waitingToRecord(prefix)).as("the keyed write waits to insert its key").isTrue();
            assertThat(reserved).isNotDone();
            blocker.rollback();

            assertThat(reserved.get().status()).isEqualTo(DeviceStatus.RESERVED);
            List<DeviceEvent> reserves = registry.history(DeviceRef.id(device.id())).stream()
                    .filter(event -> event.operation() == DeviceOperation.RESERVE).toList();
            assertThat(reserves).singleElement().satisfies(event -> assertThat(event.idempotencyKey()).isEqualTo("held"));
            assertThat(registry.with(RequestContext.builder().idempotencyKey("held").build())
                    .reserve(DeviceRef.id(device.id()))).as("the replay answers the record").isEqualTo(reserved.get());
        }
    }

    /**
     * Whether, within ten seconds, another session is running the insert of a key's record (H2 does
     * not report a wait on a unique key as a blocker, so the statement is what shows it).
     */
    private static boolean waitingToRecord(String prefix) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        try (Connection observer = TestDatabases.h2InMemory().getConnection();
                PreparedStatement running = observer.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE SESSION_ID <> SESSION_ID() AND UPPER(EXECUTING_STATEMENT) LIKE ?")) {
            running.setString(1, ("INSERT INTO " + prefix + "idempotency_keys%").toUpperCase(Locale.ROOT));
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet count = running.executeQuery()) {
                    count.next();
                    if (count.getInt(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(5);
            }
        }
        return false;
    }
}
