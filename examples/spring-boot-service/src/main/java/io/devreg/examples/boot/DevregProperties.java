package io.devreg.examples.boot;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the service keeps its registry ({@code devreg.*} properties).
 *
 * @param dataDir      the embedded store's directory, used when no {@code jdbcUrl} is set
 * @param jdbcUrl      a JDBC URL (PostgreSQL or H2) of a database to use instead
 * @param jdbcUsername the database user
 * @param jdbcPassword the database password
 */
@ConfigurationProperties("devreg")
public record DevregProperties(
        @DefaultValue("devreg-data") Path dataDir,
        @Nullable String jdbcUrl,
        @Nullable String jdbcUsername,
        @Nullable String jdbcPassword) {

    /** Never shows the password, so logging the properties is safe. */
    @Override
    public String toString() {
        return "DevregProperties[dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl + ", jdbcUsername=" + jdbcUsername
                + ", jdbcPassword=" + (jdbcPassword == null ? "null" : "(hidden)") + ']';
    }
}
