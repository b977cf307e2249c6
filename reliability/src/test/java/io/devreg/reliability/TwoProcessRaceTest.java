package io.devreg.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.testkit.Figures;
import io.devreg.testkit.RegistryInvariants;
import io.devreg.testkit.Soak;
import io.devreg.testsupport.EmbeddedPostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two separate JVM processes, each with its own registry, store and pool, racing on one PostgreSQL
 * database for the same devices: across both, exactly one reservation wins per device, every other
 * attempt is told {@code DEVICE_RESERVED}, and the feed and histories stay consistent.
 */
class TwoProcessRaceTest {

    static final String TYPE = "two-jvm";
    /** The child's own device, which it reserves and releases before the race to warm up. */
    static final String WARM_UP_SERIAL = "warm-up";
    static final int WARM_UP_CYCLES = 20;
    private static final int THREADS_PER_PROCESS = 8;

    @Test
    void twoProcessesRacingForTheSameDevicesProduceExactlyOneWinnerEach() throws Exception {
        int deviceCount = Soak.scale(150, 5_000);
        String prefix = TestStores.freshPrefix();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
        try (HikariDataSource pool = TestStores.postgresPool(THREADS_PER_PROCESS);
                JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            List<String> serials = serials(deviceCount);
            registry.markAvailable(DeviceRef.id(registry.register(NewDevice.builder(TYPE).serialNumber(WARM_UP_SERIAL)
                    .build()).id()));
            for (String serial : serials) {
                long id = registry.register(NewDevice.builder(TYPE).serialNumber(serial).build()).id();
                registry.markAvailable(DeviceRef.id(id));
            }
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), RacingProcess.class.getName(), server.jdbcUrl(),
                    prefix, String.valueOf(THREADS_PER_PROCESS), String.valueOf(deviceCount))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, String> winners = new ConcurrentHashMap<>();
            Queue<String> doubleWins = new ConcurrentLinkedQueue<>();
            AtomicReference<String> childDone = new AtomicReference<>();
            AtomicLong childWins = new AtomicLong();
            BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(childOut.readLine()).isEqualTo("READY");
            Thread reader = new Thread(() -> readChild(childOut, winners, doubleWins, childDone, childWins), "child-reader");
            reader.start();

            AtomicLong lost = new AtomicLong();
            Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            ExecutorService threads = Executors.newFixedThreadPool(THREADS_PER_PROCESS);
            List<Future<?>> done = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int t = 0; t < THREADS_PER_PROCESS; t++) {
                List<String> order = order(serials, t);
                done.add(threads.submit(() -> {
                    go.await();
                    for (String serial : order) {
                        try {
                            registry.reserve(new ReserveRequest(TYPE, null, serial));
                            if (winners.putIfAbsent(serial, "parent") != null) {
                                doubleWins.add(serial);
                            }
                        } catch (DeviceException e) {
                            if (e.code() == ErrorCode.DEVICE_RESERVED) {
                                lost.incrementAndGet();
                            } else {
                                unexpected.add(e);
                            }
                        } catch (Throwable e) {
                            unexpected.add(e);
                        }
                    }
                    return null;
                }));
            }
            try (Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                toChild.write("GO\n");
            }
            go.countDown(); // both processes start together
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
            threads.shutdown();
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child process ended").isTrue();
            reader.join(TimeUnit.MINUTES.toMillis(1));
            assertThat(child.exitValue()).isZero();
            assertThat(unexpected).isEmpty();
            assertThat(doubleWins).as("devices reserved by two callers").isEmpty();
            assertThat(childDone.get()).isEqualTo("DONE lost=" + (deviceCount * THREADS_PER_PROCESS
                    - childWins.get()) + " unexpected=0");
            assertThat(winners).hasSize(deviceCount);
            long parentWins = deviceCount - childWins.get();
            assertThat(childWins.get()).as("reservations the child won").isPositive();
            assertThat(parentWins).as("reservations this process won").isPositive();
            assertThat(lost.get()).isEqualTo((long) deviceCount * THREADS_PER_PROCESS - parentWins);
            for (String serial : serials) {
                assertThat(registry.find(DeviceRef.identity(TYPE, null, serial))).hasValueSatisfying(
                        device -> assertThat(device.status()).isEqualTo(DeviceStatus.RESERVED));
            }
            RegistryInvariants.Counts counts = RegistryInvariants.check(registry);
            assertThat(counts.events()).isEqualTo(deviceCount * 3 + 2 + 2 * WARM_UP_CYCLES);
            Figures.of("TwoProcessRaceTest").put("processes", 2).put("threadsPerProcess", THREADS_PER_PROCESS)
                    .put("devices", deviceCount).put("attempts", 2L * THREADS_PER_PROCESS * deviceCount)
                    .put("wonByParent", parentWins).put("wonByChild", childWins.get())
                    .put("doubleWins", doubleWins.size()).put("events", counts.events()).publish();
        }
    }

    private static void readChild(BufferedReader childOut, Map<String, String> winners, Queue<String> doubleWins,
            AtomicReference<String> childDone, AtomicLong childWins) {
        try {
            for (String line = childOut.readLine(); line != null; line = childOut.readLine()) {
                if (line.startsWith("WON ")) {
                    childWins.incrementAndGet();
                    if (winners.putIfAbsent(line.substring(4), "child") != null) {
                        doubleWins.add(line.substring(4));
                    }
                } else if (line.startsWith("DONE ")) {
                    childDone.set(line);
                }
            }
        } catch (java.io.IOException e) {
            childDone.set("child output broke: " + e);
        }
    }

    static List<String> serials(int count) {
        List<String> serials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            serials.add("sn-" + i);
        }
        return serials;
    }

    /** The devices in an order of this thread's own, so that both processes win some. */
    static List<String> order(List<String> serials, long seed) {
        List<String> order = new ArrayList<>(serials);
        Collections.shuffle(order, new Random(seed));
        return order;
    }
}
