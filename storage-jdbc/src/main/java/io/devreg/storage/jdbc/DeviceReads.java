package io.devreg.storage.jdbc;

import io.devreg.DeviceEvent;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The store's reads of events. A plain read needs no lock: each statement sees one committed
 * snapshot, and the feed's ordering comes from how sequences are assigned and read (see
 * {@link JdbcDeviceStore}).
 */
interface DeviceReads {

    @SqlQuery("SELECT " + Rows.EVENT_COLUMNS + " FROM <events> WHERE device_id = :deviceId ORDER BY sequence_number")
    List<DeviceEvent> history(@Bind("deviceId") long deviceId);

    @SqlQuery("SELECT " + Rows.EVENT_COLUMNS + " FROM <events> WHERE sequence_number > :after"
            + " ORDER BY sequence_number LIMIT :limit")
    List<DeviceEvent> events(@Bind("after") long afterSequence, @Bind("limit") int limit);

    /**
     * PostgreSQL's feed: the events whose transactions are older than every transaction still
     * running when the statement began ({@code pg_snapshot_xmin}); no event below that can appear
     * any more. See {@link JdbcDeviceStore}, "The change feed".
     */
    @SqlQuery("SELECT " + Rows.EVENT_COLUMNS + " FROM <events> WHERE sequence_number > :after"
            + " AND sequence_number < (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint)"
            + " ORDER BY sequence_number LIMIT :limit")
    List<DeviceEvent> settledEvents(@Bind("after") long afterSequence, @Bind("limit") int limit);
}
