package io.devreg.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The least-work raw baseline of {@code expireHolds} (issue 15): on {@link RawHolds}' minimal tables
 * (only the columns a hold needs, the unique (type, mac) index and the events' primary key, no
 * foreign key, no index on the expiry; on H2 a database of its own with H2's default settings, on
 * PostgreSQL devreg's server), one {@code UPDATE} of every due row back to available plus one
 * {@code EXPIRE} event {@code INSERT} per row with the ended hold's holder, committed: on H2 an
 * {@code INSERT ... SELECT} of the events then the {@code UPDATE}, on PostgreSQL one data-modifying
 * CTE on an auto-commit connection.
 *
 * <p>That is the least work for the same durable effect: every ended hold's row changed and its
 * event stored, in one transaction, with no row read into Java. It has no index on the expiry
 * because its table holds only the devices it expires (a full scan is then the cheapest way to
 * find them); it takes no limit and does not skip rows another sweeper has locked, as it runs
 * alone. Statements are prepared once, on one dedicated connection, which this object owns. Not
 * thread-safe.
 */
public final class RawExpiry implements AutoCloseable {

    private static final String DUE = " WHERE status = 'RESERVED' AND expires_at <= ?";

    private final Connection connection;
    private final boolean postgres;
    private final PreparedStatement expire;
    private final @Nullable PreparedStatement events;
    private final PreparedStatement hold;

    private RawExpiry(Connection connection, boolean postgres) throws SQLException {
        this.connection = connection;
        this.postgres = postgres;
        connection.setAutoCommit(postgres);
        String devices = RawHolds.DEVICES;
        String insertEvents = "INSERT INTO " + RawHolds.EVENTS + " (sequence_number, device_id, operation,"
                + " from_status, to_status, occurred_at, holder) ";
        String available = "UPDATE " + devices + " SET status = 'AVAILABLE', holder = NULL, reserved_at = NULL,"
                + " expires_at = NULL, revision = revision + 1, last_updated_at = ?";
        if (postgres) {
            expire = connection.prepareStatement("WITH due AS (SELECT id, holder FROM " + devices + DUE
                    + " FOR UPDATE), changed AS (UPDATE " + devices + " d SET status = 'AVAILABLE', holder = NULL,"
                    + " reserved_at = NULL, expires_at = NULL, revision = d.revision + 1, last_updated_at = ?"
                    + " FROM due WHERE d.id = due.id RETURNING d.id, due.holder) " + insertEvents
                    + "SELECT nextval('" + RawJdbc.SEQUENCE + "'), id, 'EXPIRE', 'RESERVED', 'AVAILABLE', ?, holder"
                    + " FROM changed");
            events = null;
        } else {
            events = connection.prepareStatement(insertEvents + "SELECT NEXT VALUE FOR " + RawJdbc.SEQUENCE
                    + ", id, 'EXPIRE', 'RESERVED', 'AVAILABLE', ?, holder FROM " + devices + DUE);
            expire = connection.prepareStatement(available + DUE);
        }
        hold = connection.prepareStatement("UPDATE " + devices + " SET status = 'RESERVED', holder = ?,"
                + " reserved_at = ?, expires_at = ?, revision = revision + 1, last_updated_at = ?");
    }

    /**
     * The least-work baseline on {@code db} (see the class comment), holding benchmark devices
     * {@code 0 .. count - 1}, available.
     */
    public static RawExpiry leastWork(BenchmarkDatabase db, int count) {
        try {
            Connection connection = db.leastWorkConnection();
            RawHolds.createTables(connection, db.postgres());
            RawHolds.load(connection, count);
            return new RawExpiry(connection, db.postgres());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up the least-work expiry baseline", e);
        }
    }

    /**
     * The fixture, not the measured work: puts every device under a hold of {@code holder} from
     * {@code at} until {@code expiresAt}, in one committed statement.
     */
    public void holdAll(String holder, Instant at, Instant expiresAt) throws SQLException {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        hold.setString(1, holder);
        hold.setObject(2, time);
        hold.setObject(3, expiresAt.atOffset(ZoneOffset.UTC));
        hold.setObject(4, time);
        hold.executeUpdate();
        if (!postgres) {
            connection.commit();
        }
    }

    /**
     * Ends every hold over at {@code at}: the device becomes available and gets its {@code EXPIRE}
     * event, in one committed transaction.
     *
     * @return how many holds it ended
     */
    public int expireHolds(Instant at) throws SQLException {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        if (postgres) {
            expire.setObject(1, time);
            expire.setObject(2, time);
            expire.setObject(3, time);
            return expire.executeUpdate();
        }
        events.setObject(1, time);
        events.setObject(2, time);
        int inserted = events.executeUpdate();
        expire.setObject(1, time);
        expire.setObject(2, time);
        int ended = expire.executeUpdate();
        connection.commit();
        if (inserted != ended) {
            throw new IllegalStateException("Inserted " + inserted + " events for " + ended + " ended holds");
        }
        return ended;
    }

    /** The connection the statements run on, for checks. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
