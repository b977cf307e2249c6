package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** H2 is an optional dependency: without it, {@code embedded} says what to add instead of failing obscurely. */
class MissingH2Test {

    @Test
    void embeddedWithoutH2OnTheClassPathSaysWhichDependencyToAdd() throws Exception {
        String withoutH2 = Arrays.stream(classPath())
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("h2-"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(withoutH2).isNotEqualTo(String.join(File.pathSeparator, classPath()));

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", withoutH2, EmbeddedWithoutH2Process.class.getName(),
                TestDatabases.freshDirectory().toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).startsWith("io.devreg.spi.StorageException: JdbcDeviceStore.embedded needs the H2 database"
                + " on the class path: add the dependency com.h2database:h2");
    }

    /**
     * The test class path as entries. Surefire may pass it as a manifest-only jar, so the entries
     * are read from {@code surefire.test.class.path} when it is set.
     */
    private static String[] classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return path.split(File.pathSeparator);
    }
}
