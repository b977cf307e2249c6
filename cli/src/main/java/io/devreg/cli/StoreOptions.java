package io.devreg.cli;

import io.devreg.DeviceRegistry;
import io.devreg.spi.DeviceStore;
import io.devreg.storage.memory.InMemoryDeviceStore;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where a command finds the registry: the embedded store in a directory, or a JDBC database. */
final class StoreOptions {

    /** The embedded store's directory when neither option is given. */
    static final Path DEFAULT_DATA = Path.of("devreg-data");

    @Option(names = "--data", paramLabel = "DIR",
            description = "The embedded store's directory (default: ./devreg-data).")
    @Nullable Path data;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "A JDBC URL (H2 or PostgreSQL) instead of the embedded store.")
    @Nullable String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "The database user for --jdbc-url.")
    @Nullable String jdbcUser;

    @Option(names = "--jdbc-password", paramLabel = "PASSWORD",
            description = "The database password for --jdbc-url (default: $DEVREG_JDBC_PASSWORD).")
    @Nullable String jdbcPassword;

    /** Opens the store these options name. */
    OpenedRegistry open() {
        DeviceStore store = new InMemoryDeviceStore();
        return new OpenedRegistry(DeviceRegistry.builder().store(store).build(), store);
    }
}
