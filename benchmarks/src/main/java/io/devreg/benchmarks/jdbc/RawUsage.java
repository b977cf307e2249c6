package io.devreg.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The least-work raw baseline of {@code usage(account, from, to)} (issue 15), and the usage fixture
 * both it and devreg read.
 *
 * <p>The baseline reads, from a minimal table ({@value #EVENTS}: device id, operation, account,
 * time; one index on (account, time), no key), the account's {@code ACTIVATE} and {@code DEACTIVATE}
 * events before {@code to}, ordered by device and time, in one {@code SELECT}, and sums in Java the
 * time each device was active within {@code [from, to)}. It reads the events before {@code from}
 * too, as devreg does: a device activated before the window is active in it, and only its earlier
 * {@code ACTIVATE} says so. It sums rather than builds devreg's interval list: the least work for
 * the figure a bill needs. On H2 the table is in a database of its own with H2's default settings,
 * on PostgreSQL in devreg's server.
 *
 * <p>The fixture ({@link #load}): event {@code x} belongs to device {@code x % devices}, is that
 * device's {@code k = x / devices}-th event, an {@code ACTIVATE} when {@code k} is even and a
 * {@code DEACTIVATE} when odd, at {@link #START} plus {@code k} days plus the device's index in
 * seconds, on the account {@code acct-<index / devicesPerAccount>}. So every device is active one
 * day in two, one day at a time.
 */
public final class RawUsage implements AutoCloseable {

    /** The baseline's events table. */
    static final String EVENTS = "raw_usage_events";
    /** The first day of the fixture's events. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Connection connection;
    private final PreparedStatement select;

    private RawUsage(Connection connection) throws SQLException {
        this.connection = connection;
        select = connection.prepareStatement("SELECT device_id, operation, occurred_at FROM " + EVENTS
                + " WHERE account = ? AND operation IN ('ACTIVATE', 'DEACTIVATE') AND occurred_at < ?"
                + " ORDER BY device_id, occurred_at");
    }

    /** The account of the fixture's devices {@code n * devicesPerAccount ..}. */
    public static String account(int n) {
        return "acct-" + n;
    }

    /**
     * The least-work baseline on {@code db} (see the class comment), its table filled with the
     * fixture of {@code events} events over {@code devices} devices.
     */
    public static RawUsage leastWork(BenchmarkDatabase db, int devices, int devicesPerAccount, int events) {
        try {
            Connection connection = db.leastWorkConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + EVENTS + " (device_id BIGINT NOT NULL,"
                        + " operation VARCHAR(32) NOT NULL, account VARCHAR(128) NOT NULL,"
                        + " occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
                statement.execute("CREATE INDEX " + EVENTS + "_account ON " + EVENTS + " (account, occurred_at)");
            }
            load(connection, db.postgres(), false, devices, devicesPerAccount, events);
            return new RawUsage(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up the least-work usage baseline", e);
        }
    }

    /**
     * Adds the fixture's {@code events} events to devreg's events table of {@code db}, whose devices
     * {@code 0 .. devices - 1} must exist; their sequence numbers follow every loaded one.
     */
    public static void loadDevregEvents(BenchmarkDatabase db, int devices, int devicesPerAccount, int events) {
        try (Connection connection = db.baselineConnection()) {
            load(connection, db.postgres(), true, devices, devicesPerAccount, events);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load " + events + " usage events", e);
        }
    }

    /** One statement inserting the fixture into devreg's events table or the baseline's. */
    private static void load(Connection connection, boolean postgres, boolean devregTable, int devices,
            int devicesPerAccount, int events) throws SQLException {
        String x = postgres ? "x" : "X";
        String index = "MOD(" + x + ", " + devices + ")";
        String k = "(" + x + " / " + devices + ")";
        String seconds = "(" + k + " * 86400 + " + index + ")";
        String at = postgres
                ? "TIMESTAMPTZ '2026-01-01 00:00:00+00' + " + seconds + " * INTERVAL '1 second'"
                : "DATEADD(SECOND, " + seconds + ", TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00')";
        String activate = "MOD(" + k + ", 2) = 0";
        String operation = "CASE WHEN " + activate + " THEN 'ACTIVATE' ELSE 'DEACTIVATE' END";
        String account = "'acct-' || CAST(" + index + " / " + devicesPerAccount + " AS VARCHAR(16))";
        String range = postgres ? " FROM generate_series(0, ? - 1) AS x" : " FROM SYSTEM_RANGE(0, ? - 1)";
        String sql = devregTable
                ? "INSERT INTO devreg_device_events (sequence_number, device_id, operation, from_status, to_status,"
                        + " occurred_at, account) SELECT " + (postgres ? "" : devices + " + 1 + ") + x + ", "
                        + index + " + 1, " + operation + ", CASE WHEN " + activate
                        + " THEN 'AVAILABLE' ELSE 'ACTIVATED' END, CASE WHEN " + activate
                        + " THEN 'ACTIVATED' ELSE 'DEACTIVATING' END, " + at + ", " + account + range
                : "INSERT INTO " + EVENTS + " (device_id, operation, account, occurred_at) SELECT " + index
                        + " + 1, " + operation + ", " + account + ", " + at + range;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setInt(1, events);
            insert.executeUpdate();
        }
        connection.commit();
        connection.setAutoCommit(autoCommit);
        if (postgres) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
        }
    }

    /**
     * The total time the account's devices were active within {@code [from, to)}: the sum over its
     * devices of each activation, from its {@code ACTIVATE} to its {@code DEACTIVATE} (or to
     * {@code to} while still active), clipped to the window.
     */
    public Duration usage(String account, Instant from, Instant to) throws SQLException {
        select.setString(1, account);
        select.setObject(2, to.atOffset(ZoneOffset.UTC));
        long micros = 0;
        long device = -1;
        @Nullable Instant activeSince = null;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong(1);
                if (id != device) {
                    micros += clipped(activeSince, to, from, to);
                    device = id;
                    activeSince = null;
                }
                Instant at = rows.getObject(3, OffsetDateTime.class).toInstant();
                if (rows.getString(2).equals("ACTIVATE")) {
                    activeSince = activeSince == null ? at : activeSince;
                } else {
                    micros += clipped(activeSince, at, from, to);
                    activeSince = null;
                }
            }
        }
        micros += clipped(activeSince, to, from, to);
        return Duration.ofNanos(micros * 1000);
    }

    /** The microseconds of {@code [start, end)} within {@code [from, to)}; none without a start. */
    private static long clipped(@Nullable Instant start, Instant end, Instant from, Instant to) {
        if (start == null) {
            return 0;
        }
        Instant clippedStart = start.isBefore(from) ? from : start;
        Instant clippedEnd = end.isAfter(to) ? to : end;
        return clippedEnd.isAfter(clippedStart) ? ChronoUnit.MICROS.between(clippedStart, clippedEnd) : 0;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
