package io.devreg.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.spi.DeviceStore;
import io.devreg.storage.jdbc.Dialect;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.storage.memory.InMemoryDeviceStore;
import io.devreg.testkit.TestDeviceRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which store and registry the starter makes, under each condition it knows. */
class DevregAutoConfigurationTest {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DevregAutoConfiguration.class))
                .withPropertyValues("devreg.embedded.directory=" + directory.resolve("embedded"));
    }

    @Test
    void withoutADataSourceTheRegistryKeepsItsDevicesInTheEmbeddedStoreAcrossRestarts() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(DeviceRegistry.class).hasSingleBean(DeviceStore.class);
            assertThat(context.getBean(DeviceStore.class)).isInstanceOfSatisfying(JdbcDeviceStore.class,
                    store -> assertThat(store.dialect()).isEqualTo(Dialect.H2));
            context.getBean(DeviceRegistry.class).register(NewDevice.builder("router").serialNumber("sn-1").build());
        });
        assertThat(directory.resolve("embedded").resolve("devreg.mv.db")).exists();

        runner().run(context -> assertThat(context.getBean(DeviceRegistry.class)
                .find(DeviceRef.identity("router", null, "sn-1"))).isPresent());
    }

    @Test
    void onTheApplicationsDataSourceTheStoreKeepsItsTablesThereUnderTheConfiguredPrefix() {
        runner().withUserConfiguration(FileDataSource.class)
                .withPropertyValues("devreg.jdbc.table-prefix=billing_")
                .run(context -> {
                    Device device = context.getBean(DeviceRegistry.class)
                            .register(NewDevice.builder("router").serialNumber("sn-1").build());

                    assertThat(rows(context.getBean(DataSource.class), "billing_devices")).isEqualTo(1);
                    assertThat(device.id()).isPositive();
                    assertThat(directory.resolve("embedded")).doesNotExist();
                });
    }

    @Test
    void anInMemoryH2DataSourceThatSpringBootMadeIsPassedOverForTheEmbeddedStore() {
        runner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(DataSource.class);
                    context.getBean(DeviceRegistry.class).register(NewDevice.builder("router").serialNumber("sn-1").build());

                    assertThat(directory.resolve("embedded").resolve("devreg.mv.db")).exists();
                    assertThat(tableExists(context.getBean(DataSource.class), "DEVREG_DEVICES")).isFalse();
                });
    }

    @Test
    void storeJdbcUsesEvenAnInMemoryDataSource() {
        runner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("devreg.store=jdbc")
                .run(context -> {
                    context.getBean(DeviceRegistry.class).register(NewDevice.builder("router").serialNumber("sn-1").build());

                    assertThat(rows(context.getBean(DataSource.class), "devreg_devices")).isEqualTo(1);
                    assertThat(directory.resolve("embedded")).doesNotExist();
                });
    }

    @Test
    void storeJdbcWithoutADataSourceFailsToStartAndSaysWhy() {
        runner().withPropertyValues("devreg.store=jdbc").run(context -> assertThat(context).getFailure()
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("devreg.store=jdbc needs a DataSource bean"));
    }

    @Test
    void storeEmbeddedIgnoresTheDataSource() {
        runner().withUserConfiguration(FileDataSource.class).withPropertyValues("devreg.store=embedded")
                .run(context -> {
                    context.getBean(DeviceRegistry.class).register(NewDevice.builder("router").serialNumber("sn-1").build());

                    assertThat(directory.resolve("embedded").resolve("devreg.mv.db")).exists();
                    assertThat(tableExists(context.getBean(DataSource.class), "DEVREG_DEVICES")).isFalse();
                });
    }

    @Test
    void storeMemoryKeepsDevicesInTheHeap() {
        runner().withUserConfiguration(FileDataSource.class).withPropertyValues("devreg.store=memory")
                .run(context -> {
                    assertThat(context.getBean(DeviceStore.class)).isInstanceOf(InMemoryDeviceStore.class);
                    context.getBean(DeviceRegistry.class).register(NewDevice.builder("router").serialNumber("sn-1").build());

                    assertThat(directory.resolve("embedded")).doesNotExist();
                    assertThat(tableExists(context.getBean(DataSource.class), "DEVREG_DEVICES")).isFalse();
                });
    }

    @Test
    void theApplicationsOwnRegistryWinsAndNoStoreIsOpenedForNothing() {
        runner().withUserConfiguration(OwnRegistry.class).run(context -> {
            assertThat(context).hasSingleBean(DeviceRegistry.class).doesNotHaveBean(DeviceStore.class);
            assertThat(context.getBean(DeviceRegistry.class)).isSameAs(context.getBean(OwnRegistry.class).registry);
            assertThat(directory.resolve("embedded")).doesNotExist();
        });
    }

    @Test
    void theApplicationsOwnStoreIsTheRegistrys() {
        runner().withBean("myStore", DeviceStore.class, InMemoryDeviceStore::new).run(context -> {
            assertThat(context).hasSingleBean(DeviceStore.class);
            DeviceStore store = context.getBean(DeviceStore.class);
            Device device = context.getBean(DeviceRegistry.class)
                    .register(NewDevice.builder("router").serialNumber("sn-1").build());

            assertThat(store.find(DeviceRef.id(device.id()))).contains(device);
            assertThat(directory.resolve("embedded")).doesNotExist();
        });
    }

    @Test
    void closingTheContextClosesTheStoreButNotTheApplicationsDataSource() throws SQLException {
        JdbcDataSource dataSource = fileDataSource(directory);
        runner().withBean(DataSource.class, () -> dataSource).run(context -> {
            JdbcDeviceStore store = (JdbcDeviceStore) context.getBean(DeviceStore.class);
            context.close();
            assertThat(store.toString()).contains("closed");
        });
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    static JdbcDataSource fileDataSource(Path directory) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("application").toAbsolutePath());
        return dataSource;
    }

    static long rows(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean tableExists(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rs = connection.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }

    /** An application's DataSource on an H2 file database (not in memory: auto keeps devices there). */
    @Configuration(proxyBeanMethods = false)
    static class FileDataSource {
        @Bean
        DataSource dataSource() throws Exception {
            return fileDataSource(Files.createTempDirectory(Path.of("target"), "application-"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {
        final TestDeviceRegistry registry = TestDeviceRegistry.create();

        @Bean
        DeviceRegistry myRegistry() {
            return registry;
        }
    }
}
