package io.devreg.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * An H2 trigger for {@link SharedDatabaseTest}: after the insert of an event of the device with
 * serial number {@value #SLOW_SERIAL} it waits {@value #DELAY_MILLIS} ms, so that transaction
 * commits late, as a descheduled writer would. Not a test itself.
 */
public final class SlowCommitTrigger implements Trigger {

    static final String SLOW_SERIAL = "slow";
    static final int DELAY_MILLIS = 1500;

    private String devices = "";

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
        devices = table.substring(0, table.length() - "DEVICE_EVENTS".length()) + "DEVICES";
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT serial_number FROM " + devices + " WHERE id = ?")) {
            query.setObject(1, newRow[1]);
            try (ResultSet row = query.executeQuery()) {
                if (row.next() && SLOW_SERIAL.equals(row.getString(1))) {
                    Thread.sleep(DELAY_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
