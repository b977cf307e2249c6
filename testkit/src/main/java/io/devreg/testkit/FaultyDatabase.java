package io.devreg.testkit;

import io.devreg.spi.DeviceStore;
import javax.sql.DataSource;

/**
 * What the fault contracts run on: a real database, the store under test on it through a
 * {@link FaultInjectingDataSource} ({@link #store}), and a second store on the database itself, without
 * any cache ({@link #truth}): what the database holds, whatever the faults did.
 */
final class FaultyDatabase implements AutoCloseable {

    /** Opens a store on a DataSource; {@code truth}: on the database itself, so without any cache. */
    @FunctionalInterface
    interface StoreOpener {
        DeviceStore open(DataSource dataSource, boolean truth);
    }

    final FaultInjectingDataSource faulty;
    final DeviceStore store;
    final DeviceStore truth;
    private final DataSource database;

    private FaultyDatabase(DataSource database, FaultInjectingDataSource faulty, DeviceStore store, DeviceStore truth) {
        this.database = database;
        this.faulty = faulty;
        this.store = store;
        this.truth = truth;
    }

    /** The stores on {@code database}, faults drawn from {@code seed}; {@code database} is closed with them, if it can be. */
    static FaultyDatabase open(DataSource database, long seed, StoreOpener opener) {
        FaultInjectingDataSource faulty = new FaultInjectingDataSource(database, seed);
        DeviceStore store = null;
        try {
            store = opener.open(faulty, false);
            return new FaultyDatabase(database, faulty, store, opener.open(database, true));
        } catch (RuntimeException e) {
            try {
                if (store != null) {
                    store.close();
                }
                closeDatabase(database);
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            store.close();
            truth.close();
        } finally {
            closeDatabase(database);
        }
    }

    private static void closeDatabase(DataSource database) throws Exception {
        if (database instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
