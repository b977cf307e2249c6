/**
 * {@link io.devreg.storage.jdbc.JdbcDeviceStore}: devreg's store on JDBC, an embedded H2 database
 * by default and PostgreSQL for many application instances.
 */
@NullMarked
package io.devreg.storage.jdbc;

import org.jspecify.annotations.NullMarked;
