package io.devreg.examples.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.Device;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import io.devreg.storage.jdbc.Dialect;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DevregModuleTest {

    private final Injector injector = Guice.createInjector(
            new DevregModule("jdbc:h2:mem:guice-example;DB_CLOSE_DELAY=-1", "sa", null));

    @AfterEach
    void stop() {
        DevregModule.close(injector);
    }

    @Test
    void the_injected_registry_reserves_a_device_in_the_database_behind_the_pool() {
        DeviceRegistry registry = injector.getInstance(DeviceRegistry.class);
        Device device = registry.register(NewDevice.builder("mediaagent").mac("fake_mac_5").serialNumber("sn").build());
        registry.markAvailable(DeviceRef.id(device.id()));

        Device reserved = registry.reserve(new ReserveRequest("mediaagent", "fake_mac_5", "sn"));
        DeviceException again = catchThrowableOfType(DeviceException.class,
                () -> registry.reserve(new ReserveRequest("mediaagent", "fake_mac_5", "sn")));

        assertThat(reserved.status()).isEqualTo(DeviceStatus.RESERVED);
        assertThat(again.code()).isEqualTo(ErrorCode.DEVICE_RESERVED);
        assertThat(injector.getInstance(JdbcDeviceStore.class).dialect()).isEqualTo(Dialect.H2);
    }

    @Test
    void the_registry_store_and_pool_are_singletons() {
        assertThat(injector.getInstance(DeviceRegistry.class)).isSameAs(injector.getInstance(DeviceRegistry.class));
        assertThat(injector.getInstance(JdbcDeviceStore.class)).isSameAs(injector.getInstance(JdbcDeviceStore.class));
        assertThat(injector.getInstance(HikariDataSource.class)).isSameAs(injector.getInstance(HikariDataSource.class));
    }

    @Test
    void closing_closes_the_pool_too() {
        HikariDataSource pool = injector.getInstance(HikariDataSource.class);
        injector.getInstance(DeviceRegistry.class);

        DevregModule.close(injector);

        assertThat(pool.isClosed()).isTrue();
    }
}
