package io.devreg.storage.jdbc;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * How devices, events and instants map to columns. Instants travel as {@link OffsetDateTime} at
 * UTC into {@code TIMESTAMP WITH TIME ZONE} columns, in both directions, so neither the JVM's nor
 * the session's time zone ever takes part and microseconds survive the round trip.
 */
final class Rows {

    /** The device columns, in the order every statement selects them. */
    static final String DEVICE_COLUMNS = "id, type, uuid, serial_number, mac, status, name, version,"
            + " created_at, last_updated_at, online, revision";

    static final String EVENT_COLUMNS = "sequence_number, device_id, operation, from_status, to_status, occurred_at";

    private Rows() {
    }

    static void registerIn(Jdbi jdbi) {
        jdbi.registerRowMapper(Device.class, Rows::device);
        jdbi.registerRowMapper(DeviceEvent.class, (RowMapper<DeviceEvent>) Rows::event);
        jdbi.registerArgument(new InstantArgument());
    }

    /** The device in the current row, whose first columns are {@link #DEVICE_COLUMNS} in that order. */
    static Device device(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Device(
                rs.getLong(1),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                DeviceStatus.valueOf(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(),
                rs.getObject(10, OffsetDateTime.class).toInstant(),
                rs.getBoolean(11),
                rs.getLong(12));
    }

    static DeviceEvent event(ResultSet rs, StatementContext ctx) throws SQLException {
        String from = rs.getString("from_status");
        return new DeviceEvent(
                rs.getLong("sequence_number"),
                rs.getLong("device_id"),
                DeviceOperation.valueOf(rs.getString("operation")),
                from == null ? null : DeviceStatus.valueOf(from),
                DeviceStatus.valueOf(rs.getString("to_status")),
                instant(rs, "occurred_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** The value stored for {@code instant}: microsecond precision, as the columns hold it. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The column value of {@code instant}: {@link #stored} precision, at UTC, as {@link InstantArgument} binds it. */
    static OffsetDateTime column(Instant instant) {
        return stored(instant).atOffset(ZoneOffset.UTC);
    }

    /** Binds every {@link Instant} as an {@link OffsetDateTime} at UTC. */
    private static final class InstantArgument extends AbstractArgumentFactory<Instant> {
        InstantArgument() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            OffsetDateTime utc = column(value);
            return (position, statement, ctx) -> statement.setObject(position, utc);
        }
    }
}
