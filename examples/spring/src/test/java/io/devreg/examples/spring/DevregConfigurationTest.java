package io.devreg.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.devreg.spi.StorageException;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(DevregConfiguration.class)
@TestPropertySource(properties = "devreg.jdbc-url=jdbc:h2:mem:spring-example;DB_CLOSE_DELAY=-1")
class DevregConfigurationTest {

    @Autowired
    DeviceRegistry registry;

    @Autowired
    JdbcDeviceStore store;

    @Test
    void the_registry_bean_reserves_a_device_in_the_database_behind_the_pool() {
        Device device = registry.register(NewDevice.builder("mediaagent").mac("fake_mac_5").serialNumber("sn").build());
        registry.markAvailable(DeviceRef.id(device.id()));

        Device reserved = registry.reserve(new ReserveRequest("mediaagent", "fake_mac_5", "sn"));
        DeviceException again = catchThrowableOfType(DeviceException.class,
                () -> registry.reserve(new ReserveRequest("mediaagent", "fake_mac_5", "sn")));

        assertThat(reserved.status()).isEqualTo(DeviceStatus.RESERVED);
        assertThat(again.code()).isEqualTo(ErrorCode.DEVICE_RESERVED);
        assertThat(store.dialect()).isEqualTo(Dialect.H2);
    }

    @Test
    void closing_the_context_closes_the_store_and_then_the_pool() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("devreg.jdbc-url", "jdbc:h2:mem:spring-example-closing;DB_CLOSE_DELAY=-1")));
        context.register(DevregConfiguration.class);
        context.refresh();
        HikariDataSource pool = context.getBean(HikariDataSource.class);
        JdbcDeviceStore closingStore = context.getBean(JdbcDeviceStore.class);

        context.close();

        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(() -> closingStore.find(DeviceRef.id(1)))
                .isInstanceOf(StorageException.class).hasMessageContaining("closed");
    }
}
