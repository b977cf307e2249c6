package io.devreg.storage.jdbc;

import io.devreg.spi.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The H2 file database behind {@link JdbcDeviceStore#embedded(Path)}: a small connection pool on
 * {@code <directory>/devreg.mv.db}. The only class that touches H2's own API, so that H2 stays an
 * optional dependency.
 *
 * <p>Settings, and why:
 * <ul>
 *   <li>{@code WRITE_DELAY=0}: H2 writes its store to the file at every commit, before the commit
 *       returns (the default writes up to 500 ms later). So an operation that returned survives the
 *       death of the process (kill -9); like H2 itself, it does not fsync, so a power failure or an
 *       operating-system crash may lose the last operations.</li>
 *   <li>{@code FILE_LOCK=FS}: an operating-system file lock, which a second process cannot take (it
 *       gets a clear error) and which the system releases the moment a killed process dies, so a
 *       restart never waits for a stale lock file.</li>
 *   <li>{@code LOCK_TIMEOUT=10000}: writers queue for at most 10 s on a row lock.</li>
 * </ul>
 */
final class EmbeddedDatabase implements AutoCloseable {

    /** Directories open in this JVM: H2 would let two stores share one, which breaks their caches. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private static final int MAX_CONNECTIONS = 16;

    private final Path directory;
    private final JdbcConnectionPool pool;

    private EmbeddedDatabase(Path directory, JdbcConnectionPool pool) {
        this.directory = directory;
        this.pool = pool;
    }

    static EmbeddedDatabase open(Path directory) {
        Path real;
        try {
            Files.createDirectories(directory);
            real = directory.toRealPath();
        } catch (IOException e) {
            throw new StorageException("Cannot use " + directory + " for the embedded devreg database: " + e, e);
        }
        if (!OPEN.add(real)) {
            throw new StorageException("The embedded devreg database in " + real + " is already open in this process;"
                    + " share that one JdbcDeviceStore instead of opening a second");
        }
        try {
            String url = "jdbc:h2:file:" + real.resolve("devreg") + ";WRITE_DELAY=0;FILE_LOCK=FS;LOCK_TIMEOUT=10000";
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, "devreg", "");
            pool.setMaxConnections(MAX_CONNECTIONS);
            EmbeddedDatabase database = new EmbeddedDatabase(real, pool);
            database.checkOpens();
            return database;
        } catch (RuntimeException e) {
            OPEN.remove(real);
            throw e;
        }
    }

    DataSource dataSource() {
        return pool;
    }

    /** Opens the file now, so that a locked or broken database fails here with a clear message. */
    private void checkOpens() {
        try (Connection ignored = pool.getConnection()) {
            // opened and closed: the database stays open while the pool holds the connection
        } catch (SQLException e) {
            pool.dispose();
            if ("90020".equals(e.getSQLState())) {
                throw new StorageException("The embedded devreg database in " + directory + " is in use by another"
                        + " process. An embedded database serves one process; to share devices between processes,"
                        + " run devreg on PostgreSQL (JdbcDeviceStore.builder)", e);
            }
            throw new StorageException("Cannot open the embedded devreg database in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Closes the database file (after the last write is on disk) and the pool. */
    @Override
    public void close() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StorageException("Could not close the embedded devreg database in " + directory + ": "
                    + e.getMessage(), e);
        } finally {
            pool.dispose();
            OPEN.remove(directory);
        }
    }

    @Override
    public String toString() {
        return "H2 database in " + directory;
    }
}
