package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import io.devreg.Reservation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.result.ResultSetScanner;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * How devices, events and instants map to columns. Rows are read by position, in the order of
 * {@link Statements#DEVICE_COLUMNS} and {@link Statements#EVENT_COLUMNS}. Instants travel as
 * {@link OffsetDateTime} at UTC into {@code TIMESTAMP WITH TIME ZONE} columns, in both directions,
 * so neither the JVM's nor the session's time zone ever takes part and microseconds survive the
 * round trip.
 */
final class Rows {

    /** The device in the current row, whose first columns are {@link Statements#DEVICE_COLUMNS}. */
    static final RowMapper<Device> DEVICE = Rows::device;

    /** The event in the current row, whose columns are {@link Statements#EVENT_COLUMNS}. */
    static final RowMapper<DeviceEvent> EVENT = (rs, ctx) -> {
        String from = rs.getString(4);
        return new DeviceEvent(rs.getLong(1), rs.getLong(2), DeviceOperation.valueOf(rs.getString(3)),
                from == null ? null : DeviceStatus.valueOf(from), DeviceStatus.valueOf(rs.getString(5)), instant(rs, 6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    };

    /** The device in the first row of a result, if there is a row: read without Jdbi's row iteration. */
    static final ResultSetScanner<Optional<Device>> FIRST_DEVICE = (results, ctx) -> {
        ResultSet rs = results.get();
        return rs.next() ? Optional.of(device(rs, ctx)) : Optional.empty();
    };

    private Rows() {
    }

    private static Device device(ResultSet rs, StatementContext ctx) throws SQLException {
        return device(rs, 0);
    }

    /**
     * The device whose {@link Statements#DEVICE_COLUMNS} start after column {@code offset}. A reserved
     * device's hold is its holder, start and expiry columns (a device reserved under schema version 1
     * got its start from the migration); any other device has none.
     */
    static Device device(ResultSet rs, int offset) throws SQLException {
        DeviceStatus status = DeviceStatus.valueOf(rs.getString(offset + 6));
        OffsetDateTime reservedAt = rs.getObject(offset + 14, OffsetDateTime.class);
        OffsetDateTime expiresAt = rs.getObject(offset + 15, OffsetDateTime.class);
        Reservation hold = status == DeviceStatus.RESERVED && reservedAt != null
                ? new Reservation(rs.getString(offset + 13), reservedAt.toInstant(),
                        expiresAt == null ? null : expiresAt.toInstant())
                : null;
        return new Device(
                rs.getLong(offset + 1),
                rs.getString(offset + 2),
                rs.getObject(offset + 3, UUID.class),
                rs.getString(offset + 4),
                rs.getString(offset + 5),
                status,
                rs.getString(offset + 7),
                rs.getString(offset + 8),
                instant(rs, offset + 9),
                instant(rs, offset + 10),
                rs.getBoolean(offset + 11),
                rs.getLong(offset + 12),
                hold,
                status.isOnAccount() ? rs.getString(offset + 16) : null);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** The value stored for {@code instant}: microsecond precision, as the columns hold it. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /*
     * Arguments for the statements of every operation: bound as they are, where a value Jdbi must
     * find an argument factory for costs a lookup per binding (see docs/PERFORMANCE.md).
     */

    /** {@code text} (or NULL) as a statement argument. */
    static Argument text(@Nullable String text) {
        return (position, statement, ctx) -> statement.setString(position, text);
    }

    /** {@code number} as a statement argument. */
    static Argument number(long number) {
        return (position, statement, ctx) -> statement.setLong(position, number);
    }

    /** {@code uuid} as a statement argument. */
    static Argument uuid(UUID uuid) {
        return (position, statement, ctx) -> statement.setObject(position, uuid);
    }

    /** {@code values} as a statement argument: an SQL array of {@code sqlType} (for example {@code "varchar"}). */
    static Argument array(String sqlType, @Nullable Object[] values) {
        return (position, statement, ctx) -> statement.setArray(position,
                statement.getConnection().createArrayOf(sqlType, values));
    }

    /** {@code instant} (or NULL) as a statement argument, as {@link #timestamp(Instant)} binds it. */
    static Argument nullableTimestamp(@Nullable Instant instant) {
        return instant == null ? (position, statement, ctx) -> statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE)
                : timestamp(instant);
    }

    /** {@code instant} as a statement argument: {@link #stored} precision, an {@link OffsetDateTime} at UTC. */
    static Argument timestamp(Instant instant) {
        OffsetDateTime utc = stored(instant).atOffset(ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, utc);
    }
}
