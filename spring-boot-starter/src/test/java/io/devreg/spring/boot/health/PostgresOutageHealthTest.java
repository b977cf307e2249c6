package io.devreg.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devreg.spring.boot.DevregAutoConfiguration;
import io.devreg.spring.boot.Eventually;
import io.devreg.testsupport.EmbeddedPostgresServer;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A real PostgreSQL outage: the server is stopped and started again on its port and data, and the
 * {@code devreg} health indicator of a running application follows it, down then up, without a
 * restart. A server of its own, so that stopping it disturbs no other test.
 */
class PostgresOutageHealthTest {

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startServer() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void closeServer() {
        server.close();
    }

    /** The application's pool: a call waits at most a second for a connection while the server is down. */
    static DataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1000);
        config.setValidationTimeout(500);
        config.addDataSourceProperty("connectTimeout", "1");
        config.addDataSourceProperty("socketTimeout", "5");
        return new HikariDataSource(config);
    }

    @Test
    void theIndicatorGoesDownWithTheDatabaseAndUpAgainWhenItReturns() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DevregAutoConfiguration.class, DevregHealthAutoConfiguration.class))
                .withPropertyValues("devreg.housekeeping.enabled=false")
                .withBean(DataSource.class, PostgresOutageHealthTest::pool)
                .run(context -> {
                    HealthIndicator indicator = context.getBean("devregHealthIndicator", HealthIndicator.class);
                    Health up = indicator.health();
                    assertThat(up.getStatus()).isEqualTo(Status.UP);
                    assertThat(up.getDetails()).containsEntry("dialect", "POSTGRESQL").containsEntry("schemaVersion", 4);

                    server.stop();
                    try {
                        long start = System.nanoTime();
                        Health down = indicator.health();
                        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(down.getDetails()).containsEntry("dialect", "POSTGRESQL").containsKey("error");
                        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
                    } finally {
                        server.startAgain();
                    }

                    Eventually.within(Duration.ofSeconds(30),
                            () -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
                });
    }
}
