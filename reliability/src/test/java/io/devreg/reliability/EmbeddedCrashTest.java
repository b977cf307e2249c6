package io.devreg.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.spi.DeviceStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Repeated SIGKILLs of a JVM writing to the embedded H2 default, at random moments from its start
 * on: while the JVM boots, while the store opens the database (and creates the schema, the first
 * time), and while four threads write. After each kill the database reopens with every
 * acknowledged operation in it, and the registry invariants hold: each status is the {@code to}
 * of its device's last event, and every event belongs to a device. (storage-jdbc's
 * EmbeddedDurabilityTest kills only after writes were acknowledged; this one also kills early and
 * publishes its figures.)
 */
class EmbeddedCrashTest {

    private record Ack(long id, long revision, DeviceStatus status) {
    }

    @Test
    void afterEveryKillAtARandomMomentEveryAcknowledgedWriteIsThereAndTheHistoryExplainsEveryDevice()
            throws Exception {
        int kills = Soak.scale(5, 30);
        Path directory = TemporaryDirectory.create("devreg-crash-");
        SplittableRandom random = new SplittableRandom();
        List<Ack> acknowledged = new ArrayList<>();
        int killedBeforeOpen = 0;
        RegistryInvariants.Counts counts = new RegistryInvariants.Counts(0, 0);
        try {
            for (int kill = 0; kill < kills; kill++) {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        CrashingWriter.class.getName(), directory.toString(), String.valueOf(random.nextLong()))
                        // the child's stack traces, if any, for whoever debugs a failure
                        .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "crashing-writer.err").toFile()))
                        .start();
                List<String> lines = new ArrayList<>();
                CountDownLatch opened = new CountDownLatch(1);
                Thread reader = new Thread(() -> readAll(child, lines, opened), "child-reader");
                reader.start();
                if (kill % 3 == 0) { // early: the JVM booting, the store opening the database or creating its schema
                    Thread.sleep(random.nextInt(1_000));
                } else { // while the threads write
                    assertThat(opened.await(2, TimeUnit.MINUTES)).as("the child opened the store").isTrue();
                    Thread.sleep(random.nextInt(1_000));
                }
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                reader.join(TimeUnit.SECONDS.toMillis(30));
                synchronized (lines) {
                    if (!lines.contains("OPEN")) {
                        killedBeforeOpen++;
                    }
                    lines.stream().filter(line -> line.startsWith("ACK ")).map(line -> line.split(" "))
                            .map(p -> new Ack(Long.parseLong(p[1]), Long.parseLong(p[2]), DeviceStatus.valueOf(p[3])))
                            .forEach(acknowledged::add);
                }
                try (DeviceStore store = TestStores.embeddedIn(directory)) {
                    DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
                    counts = RegistryInvariants.check(registry);
                    assertEveryAcknowledgedWriteIsThere(registry, acknowledged);
                }
            }
        } finally {
            TemporaryDirectory.delete(directory);
        }
        Figures.of("EmbeddedCrashTest").put("kills", kills).put("killedBeforeTheStoreWasOpen", killedBeforeOpen)
                .put("acknowledgedWrites", acknowledged.size())
                .put("devices", counts.devices()).put("events", counts.events()).publish();
    }

    private static void assertEveryAcknowledgedWriteIsThere(DeviceRegistry registry, List<Ack> acknowledged) {
        for (Ack ack : acknowledged) {
            Device device = registry.get(DeviceRef.id(ack.id()));
            List<DeviceEvent> history = registry.history(DeviceRef.id(ack.id()));
            assertThat(history).as("history of %s, acknowledged %s", device, ack).hasSize((int) device.revision());
            assertThat(history.get((int) ack.revision() - 1).to()).as("the event of %s", ack).isEqualTo(ack.status());
        }
    }

    private static void readAll(Process child, List<String> lines, CountDownLatch opened) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.equals("OPEN")) {
                    opened.countDown();
                }
            }
        } catch (IOException e) {
            // the pipe breaks when the child dies; every complete line was read before
        }
    }
}
