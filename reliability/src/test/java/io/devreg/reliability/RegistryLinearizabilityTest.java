package io.devreg.reliability;

import com.zaxxer.hikari.HikariDataSource;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.NewDevice;
import io.devreg.spi.DeviceStore;
import io.devreg.storage.jdbc.JdbcDeviceStore;
import io.devreg.testkit.Figures;
import io.devreg.testkit.Soak;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lincheck stress testing of the registry over H2 (through the JDBC store and a real pool): random concurrent scenarios of
 * transitions and reads on two devices, run on real threads many times; every outcome (the new
 * status, or the refusal's code, and each history) must be explainable by some sequential order.
 * Each scenario gets two fresh devices in one shared store, so a scenario costs a few writes, not
 * a new database. The sequential specification is {@link TwoDeviceModel}, plain memory, so a wrong
 * answer is caught even when it is not a concurrency bug.
 */
@Param(name = "device", gen = IntGen.class, conf = "0:1")
public class RegistryLinearizabilityTest {

    private static HikariDataSource pool;
    private static DeviceStore store;
    private static DeviceRegistry registry;
    private static final AtomicLong SCENARIOS = new AtomicLong();

    private final long[] ids = new long[2];

    @BeforeAll
    static void openStore() {
        pool = TestStores.h2Pool(8);
        store = JdbcDeviceStore.builder(pool).build();
        registry = DeviceRegistry.builder().store(store).build();
    }

    @AfterAll
    static void closeStore() {
        store.close();
        pool.close();
    }

    public RegistryLinearizabilityTest() {
        long scenario = SCENARIOS.incrementAndGet();
        for (int i = 0; i < ids.length; i++) {
            Device device = registry.register(NewDevice.builder("lincheck").serialNumber(scenario + "-" + i).build());
            ids[i] = registry.markAvailable(DeviceRef.id(device.id())).id();
        }
    }

    @Operation
    public String reserve(@Param(name = "device") int device) {
        return outcome(() -> registry.reserve(ref(device)));
    }

    @Operation
    public String release(@Param(name = "device") int device) {
        return outcome(() -> registry.release(ref(device)));
    }

    @Operation
    public String activate(@Param(name = "device") int device, boolean skipReserveCheck) {
        return outcome(() -> registry.activate(ref(device), skipReserveCheck));
    }

    @Operation
    public String deactivate(@Param(name = "device") int device) {
        return outcome(() -> registry.deactivate(ref(device)));
    }

    @Operation
    public String completeDeactivation(@Param(name = "device") int device) {
        return outcome(() -> registry.completeDeactivation(ref(device)));
    }

    @Operation
    public String status(@Param(name = "device") int device) {
        Device current = registry.get(ref(device)); // one read: two would not be one atomic observation
        return current.status() + "@" + current.revision();
    }

    @Operation
    public String history(@Param(name = "device") int device) {
        return registry.history(ref(device)).stream().map(DeviceEvent::to).map(Enum::name)
                .collect(Collectors.joining(","));
    }

    private DeviceRef ref(int device) {
        return DeviceRef.id(ids[device]);
    }

    private static String outcome(Supplier<Device> operation) {
        try {
            Device device = operation.get();
            return device.status() + "@" + device.revision();
        } catch (DeviceException e) {
            return e.code().name();
        }
    }

    @Test
    void everyConcurrentScenarioIsLinearizable() {
        long before = SCENARIOS.get();
        int iterations = Soak.scale(10, 50);
        int invocations = Soak.scale(60, 200);
        new StressOptions().iterations(iterations).invocationsPerIteration(invocations).threads(3).actorsPerThread(3)
                .actorsBefore(1).actorsAfter(1).sequentialSpecification(TwoDeviceModel.class)
                .check(RegistryLinearizabilityTest.class);
        Figures.of(getClass().getSimpleName() + "[H2]").put("scenarios", iterations)
                .put("invocations", SCENARIOS.get() - before).put("threads", 3).put("operationsPerThread", 3).publish();
    }
}
