package io.devreg.storage.jdbc;

import io.devreg.DeviceEvent;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The reads that are the same SQL on every dialect. A plain read needs no lock: each statement
 * sees one committed snapshot, and the feed's ordering comes from how sequences are assigned
 * (see {@link JdbcDeviceStore}).
 */
interface DeviceReads {

    @SqlQuery("SELECT " + Rows.EVENT_COLUMNS + " FROM <events> WHERE device_id = :deviceId ORDER BY sequence_number")
    List<DeviceEvent> history(@Bind("deviceId") long deviceId);

    @SqlQuery("SELECT " + Rows.EVENT_COLUMNS + " FROM <events> WHERE sequence_number > :after"
            + " ORDER BY sequence_number LIMIT :limit")
    List<DeviceEvent> events(@Bind("after") long afterSequence, @Bind("limit") int limit);
}
