package io.devreg.storage.jdbc;

import java.nio.file.Path;

/**
 * The child process of {@link MissingH2Test}: runs without H2 on its class path, tries to open an
 * embedded store and prints what it was told. Not a test itself.
 */
public final class EmbeddedWithoutH2Process {

    private EmbeddedWithoutH2Process() {
    }

    public static void main(String[] args) {
        try (JdbcDeviceStore store = JdbcDeviceStore.embedded(Path.of(args[0]))) {
            System.out.println("OPENED " + store);
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
