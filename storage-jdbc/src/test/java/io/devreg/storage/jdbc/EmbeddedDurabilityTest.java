package io.devreg.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceQuery;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.Page;
import io.devreg.spi.StorageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's durability promise, tested the hard way: a child JVM writes from several
 * threads and is killed with SIGKILL at a random moment; the store then reopens with every
 * acknowledged operation in it and every device's status equal to its last event's. Several rounds
 * on the same database, so each round also recovers from the previous kill.
 */
class EmbeddedDurabilityTest {

    private static final int ROUNDS = 3;

    private record Ack(long deviceId, long revision, DeviceStatus status) {
        static Optional<Ack> parse(String line) {
            String[] parts = line.split(" ");
            if (parts.length != 4 || !parts[0].equals("ACK")) {
                return Optional.empty();
            }
            return Optional.of(new Ack(Long.parseLong(parts[1]), Long.parseLong(parts[2]), DeviceStatus.valueOf(parts[3])));
        }
    }

    @Test
    void everyAcknowledgedOperationSurvivesAKillOfTheProcessAndEachStatusMatchesItsLastEvent() throws Exception {
        Path directory = TestDatabases.freshDirectory();
        Random random = new Random();
        List<Ack> acknowledged = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // given a child process writing to the embedded database
            Process child = new ProcessBuilder(javaExecutable(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    EmbeddedWriterProcess.class.getName(), directory.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            CountDownLatch writing = new CountDownLatch(10);
            List<Ack> roundAcks = new ArrayList<>();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> read(child, roundAcks, writing));
            assertThat(writing.await(60, TimeUnit.SECONDS)).as("the child acknowledged its first writes").isTrue();
            if (round == 0) {
                assertThatThrownBy(() -> JdbcDeviceStore.embedded(directory))
                        .as("a second process opening the database")
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("in use by another process");
            }

            // when it is killed at a random moment
            Thread.sleep(100 + random.nextInt(900));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.get(30, TimeUnit.SECONDS);
            synchronized (roundAcks) {
                acknowledged.addAll(roundAcks);
            }

            // then every acknowledged operation is there after reopening
            try (JdbcDeviceStore store = JdbcDeviceStore.embedded(directory)) {
                assertConsistent(DeviceRegistry.builder().store(store).build(), acknowledged);
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ROUNDS * 10);
    }

    private static void assertConsistent(DeviceRegistry registry, List<Ack> acknowledged) {
        Map<Long, List<DeviceEvent>> histories = new HashMap<>();
        List<Device> devices = new ArrayList<>();
        String cursor = null;
        do {
            Page<Device> page = registry.list(DeviceQuery.builder().limit(1000).after(cursor).build());
            devices.addAll(page.items());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        for (Device device : devices) {
            List<DeviceEvent> history = registry.history(DeviceRef.id(device.id()));
            histories.put(device.id(), history);
            assertThat(history).as("history of %s", device).hasSize((int) device.revision());
            assertThat(history.get(history.size() - 1).to()).as("last event of %s", device).isEqualTo(device.status());
        }
        for (Ack ack : acknowledged) {
            List<DeviceEvent> history = histories.get(ack.deviceId());
            assertThat(history).as("the device of %s", ack).isNotNull();
            assertThat(history.size()).as("events of %s", ack).isGreaterThanOrEqualTo((int) ack.revision());
            assertThat(history.get((int) ack.revision() - 1).to()).as("the event %s acknowledged", ack)
                    .isEqualTo(ack.status());
        }
        List<DeviceEvent> feed = new ArrayList<>();
        for (List<DeviceEvent> page = registry.events(0, 1000); !page.isEmpty();
                page = registry.events(page.get(page.size() - 1).sequence(), 1000)) {
            feed.addAll(page);
        }
        assertThat(feed).as("the feed holds exactly the devices' histories, in sequence order")
                .containsExactlyElementsOf(histories.values().stream().flatMap(List::stream)
                        .sorted(Comparator.comparingLong(DeviceEvent::sequence)).toList());
        long expected = 1;
        for (DeviceEvent event : feed) {
            // writes are serialized to the file, so the one a kill interrupts is the last: no hole
            assertThat(event.sequence()).as("the feed after a crash has no hole").isEqualTo(expected++);
        }
    }

    private static void read(Process child, List<Ack> acks, CountDownLatch writing) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Optional<Ack> ack = Ack.parse(line);
                if (ack.isPresent()) {
                    synchronized (acks) {
                        acks.add(ack.get());
                    }
                    writing.countDown();
                }
            }
        } catch (IOException e) {
            // the pipe breaks when the child dies; every complete line was read before
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
