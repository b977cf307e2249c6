package io.devreg.reliability;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.ErrorCode;
import io.devreg.ReserveRequest;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The other JVM of {@link TwoProcessRaceTest}: opens its own registry on the same PostgreSQL tables,
 * says {@code READY}, waits for {@code GO} on standard input, then races its threads to reserve
 * every device, printing {@code WON <serial>} for each reservation it won and a final
 * {@code DONE lost=<n> unexpected=<n>}.
 *
 * <p>Arguments: JDBC URL, table prefix, threads, device count.
 */
public final class RacingProcess {

    private RacingProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        int threads = Integer.parseInt(args[2]);
        int devices = Integer.parseInt(args[3]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (HikariDataSource pool = TestStores.pool(url, "postgres", threads);
                JdbcDeviceStore store = JdbcDeviceStore.builder(pool).tablePrefix(prefix).build()) {
            DeviceRegistry registry = DeviceRegistry.builder().store(store).build();
            List<String> serials = TwoProcessRaceTest.serials(devices);
            // Warm up the reservation path (class loading, JIT, pool) so the race starts even.
            for (int i = 0; i < TwoProcessRaceTest.WARM_UP_CYCLES; i++) {
                registry.reserve(new ReserveRequest(TwoProcessRaceTest.TYPE, null, TwoProcessRaceTest.WARM_UP_SERIAL));
                registry.release(DeviceRef.identity(TwoProcessRaceTest.TYPE, null, TwoProcessRaceTest.WARM_UP_SERIAL));
            }
            out.println("READY");
            String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"GO".equals(go)) {
                throw new IllegalStateException("Expected GO, got " + go);
            }
            AtomicLong lost = new AtomicLong();
            AtomicLong unexpected = new AtomicLong();
            ExecutorService pool2 = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<String> order = TwoProcessRaceTest.order(serials, 1_000 + t);
                done.add(pool2.submit(() -> {
                    for (String serial : order) {
                        try {
                            registry.reserve(new ReserveRequest(TwoProcessRaceTest.TYPE, null, serial));
                            out.println("WON " + serial);
                        } catch (DeviceException e) {
                            if (e.code() == ErrorCode.DEVICE_RESERVED) {
                                lost.incrementAndGet();
                            } else {
                                unexpected.incrementAndGet();
                                e.printStackTrace();
                            }
                        } catch (RuntimeException e) {
                            unexpected.incrementAndGet();
                            e.printStackTrace();
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
            pool2.shutdown();
            out.println("DONE lost=" + lost + " unexpected=" + unexpected);
        }
    }
}
