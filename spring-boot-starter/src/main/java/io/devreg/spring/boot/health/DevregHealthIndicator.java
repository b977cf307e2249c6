package io.devreg.spring.boot.health;

import io.devreg.spi.DeviceStore;
import io.devreg.spi.StorageException;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.storage.jdbc.StoreStatus;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code devreg}: whether the registry's store can reach its database, asked afresh at every
 * check, so it goes down while the database is down and up again when it returns, without a restart.
 *
 * <ul>
 *   <li>A {@link JdbcDeviceStore} (embedded or on a DataSource) answers with one short read
 *       ({@link io.devreg.storage.jdbc.Monitoring#status()}): up with the details {@code dialect},
 *       {@code schemaVersion} and {@code latestFeedSequence} (the newest sequence the change feed returns
 *       now); down with the error when the database does not answer. A check waits at most as long as
 *       the DataSource waits for a connection (HikariCP's {@code connection-timeout}).</li>
 *   <li>An {@link InMemoryDeviceStore} is always up.</li>
 *   <li>Any other store is unknown: devreg cannot ask it. Define a bean named
 *       {@code devregHealthIndicator} of your own to replace this one.</li>
 * </ul>
 */
public class DevregHealthIndicator implements HealthIndicator {

    private final DeviceStore store;

    /** The health of {@code store}. */
    public DevregHealthIndicator(DeviceStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Health health() {
        if (store instanceof JdbcDeviceStore jdbc) {
            try {
                StoreStatus status = jdbc.monitoring().status();
                return Health.up()
                        .withDetail("dialect", status.dialect().name())
                        .withDetail("schemaVersion", status.schemaVersion())
                        .withDetail("latestFeedSequence", status.latestFeedSequence())
                        .build();
            } catch (StorageException e) {
                return Health.down(e).withDetail("dialect", jdbc.dialect().name()).build();
            }
        }
        if (store instanceof InMemoryDeviceStore) {
            return Health.up().withDetail("store", "memory").build();
        }
        return Health.unknown().withDetail("store", store.getClass().getName()).build();
    }
}
