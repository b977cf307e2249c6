package io.devreg.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.NewDevice;
import io.devreg.spi.DeviceStore;
import io.devreg.testkit.Figures;
import io.devreg.testkit.RegistryInvariants;
import io.devreg.testkit.Soak;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
                Child child = Child.start(directory, random.nextLong());
                if (kill % 3 == 0) { // early: the JVM booting, the store opening the database or creating its schema
                    Thread.sleep(random.nextInt(1_000));
                } else { // while the threads write
                    child.await("OPEN");
                    Thread.sleep(random.nextInt(1_000));
                }
                List<String> lines = child.kill();
                if (!lines.contains("OPEN")) {
                    killedBeforeOpen++;
                }
                lines.stream().filter(line -> line.startsWith("ACK ")).map(line -> line.split(" "))
                        .map(p -> new Ack(Long.parseLong(p[1]), Long.parseLong(p[2]), DeviceStatus.valueOf(p[3])))
                        .forEach(acknowledged::add);
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

    /**
     * The loop above meets a database being created only at its first kill, since later kills
     * find it. Here every kill is on a new directory, at a moment drawn uniformly from how long a
     * first open took in this run: while H2 loads, creates its file, and the store creates its
     * schema. After each kill a store opens the directory, the invariants hold, and a device can
     * be registered. Schema creation is only a few milliseconds of the roughly half a second an
     * open takes, so these kills seldom land inside it (with the H2 schema bug put back, 80 kills
     * under -Psoak missed it); storage-jdbc's SchemaManagementTest cuts the schema off after each
     * of its statements in turn, deterministically.
     */
    @Test
    void aKillWhileTheFirstStoreCreatesItsDatabaseLeavesOneTheNextStoreOpens() throws Exception {
        int kills = Soak.scale(6, 40);
        SplittableRandom random = new SplittableRandom();
        // How long a first open takes here: the window the kills aim at.
        Path measured = TemporaryDirectory.create("devreg-first-open-");
        long openNanos;
        try {
            Child child = Child.start(measured, random.nextLong());
            long opening = child.await("OPENING");
            openNanos = child.await("OPEN") - opening;
            child.kill();
        } finally {
            TemporaryDirectory.delete(measured);
        }
        int killedWhileOpening = 0;
        for (int kill = 0; kill < kills; kill++) {
            Path directory = TemporaryDirectory.create("devreg-first-open-");
            try {
                Child child = Child.start(directory, random.nextLong());
                child.await("OPENING");
                LockSupport.parkNanos(random.nextLong(openNanos + 1));
                if (!child.kill().contains("OPEN")) {
                    killedWhileOpening++;
                }
                try (DeviceStore store = TestStores.embeddedIn(directory)) {
                    DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
                    RegistryInvariants.check(registry);
                    Device device = registry.register(NewDevice.builder("crash").serialNumber("after-kill").build());
                    assertThat(registry.get(DeviceRef.id(device.id()))).as("after kill %d", kill).isEqualTo(device);
                }
            } finally {
                TemporaryDirectory.delete(directory);
            }
        }
        assertThat(killedWhileOpening).as("kills that came before the store was open").isPositive();
        Figures.of("EmbeddedCrashTest.firstOpen").put("kills", kills)
                .put("firstOpenMillis", TimeUnit.NANOSECONDS.toMillis(openNanos))
                .put("killedWhileOpening", killedWhileOpening).publish();
    }

    /** A {@link CrashingWriter} JVM on {@code directory}, and the lines it printed. */
    private static final class Child {
        private final Process process;
        private final Thread reader;
        private final List<String> lines = new ArrayList<>();
        private final Map<String, Long> firstSeen = new HashMap<>();

        private Child(Process process) {
            this.process = process;
            this.reader = new Thread(this::readAll, "child-reader");
            reader.start();
        }

        static Child start(Path directory, long seed) throws IOException {
            return new Child(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    CrashingWriter.class.getName(), directory.toString(), String.valueOf(seed))
                    // the child's stack traces, if any, for whoever debugs a failure
                    .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "crashing-writer.err").toFile()))
                    .start());
        }

        /** Waits until the child printed {@code line}; returns the {@link System#nanoTime()} it was read at. */
        long await(String line) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            synchronized (lines) {
                while (!firstSeen.containsKey(line)) {
                    long left = deadline - System.nanoTime();
                    assertThat(left).as("the child printed %s within 2 minutes (it is %s)", line,
                            process.isAlive() ? "running" : "dead").isPositive();
                    assertThat(process.isAlive() || reader.isAlive()).as("the child, dead before printing %s", line)
                            .isTrue();
                    TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                }
                return firstSeen.get(line);
            }
        }

        /** SIGKILLs the child; returns every complete line it printed. */
        List<String> kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed child ended").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30));
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        private void readAll() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    long now = System.nanoTime();
                    synchronized (lines) {
                        lines.add(line);
                        firstSeen.putIfAbsent(line, now);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the pipe breaks when the child dies; every complete line was read before
            }
        }
    }

    private static void assertEveryAcknowledgedWriteIsThere(DeviceRegistry registry, List<Ack> acknowledged) {
        for (Ack ack : acknowledged) {
            Device device = registry.get(DeviceRef.id(ack.id()));
            List<DeviceEvent> history = registry.history(DeviceRef.id(ack.id()));
            assertThat(history).as("history of %s, acknowledged %s", device, ack).hasSize((int) device.revision());
            assertThat(history.get((int) ack.revision() - 1).to()).as("the event of %s", ack).isEqualTo(ack.status());
        }
    }
}
