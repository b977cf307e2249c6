package io.devreg.storage.jdbc;

/** What {@link JdbcDeviceStore.Builder#build()} does about the database schema. */
public enum SchemaMode {
    /**
     * Create the tables when they are missing and migrate an older devreg schema to the current
     * version (the default). Safe when many instances start at once on PostgreSQL: they take an
     * advisory lock and only the first one changes anything.
     */
    CREATE,
    /**
     * Change nothing, but fail at build time unless the schema version table says the current
     * version. For schemas managed with Flyway, Liquibase or a DBA's scripts
     * (see {@link JdbcDeviceStore#schemaScript(Dialect, String)}).
     */
    VALIDATE,
    /** Change and check nothing: the caller vouches for the schema. */
    NONE
}
