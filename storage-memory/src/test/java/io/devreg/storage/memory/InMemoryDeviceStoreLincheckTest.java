package io.devreg.storage.memory;

import io.devreg.ActivateRequest;
import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceRegistry;
import io.devreg.DeviceUpdate;
import io.devreg.NewDevice;
import io.devreg.ReserveRequest;
import io.devreg.TransitionTable;
import io.devreg.spi.Transition;
import io.devreg.spi.WriteContext;
import io.devreg.spi.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import kotlin.Unit;
import kotlin.reflect.KFunction;
import kotlin.reflect.jvm.ReflectJvmMapping;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CustomScenarioDSLKt;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link InMemoryDeviceStore}: Lincheck runs concurrent scenarios of the
 * operations below and checks that every outcome is one some sequential order of the same
 * operations would produce on a fresh store (the store run sequentially is the specification).
 * Each operation answers a plain string that states everything a caller could observe.
 *
 * <p>Device 0 starts available, device 1 initializing, device 2 unregistered, so registration,
 * refusals and legal transitions all race with each other. {@code list} is left out on purpose:
 * a page is a lock-free scan, not a snapshot, and the contract promises no more.
 *
 * <p>Stress testing, not model checking: Lincheck's model checker tracks fields through
 * {@code Unsafe} offsets, which the JVM refuses for records ({@code Device}, {@code DeviceEvent}
 * and the store's keys are records), and it reported that it could not replay interleavings
 * through {@code ConcurrentSkipListMap}; with the cell lock deliberately removed it found nothing,
 * where stress fails at once. Stress found the one real bug so far (a registration visible to
 * {@code find} before its event was in the feed), and fails again if that fix is reverted.
 */
@Param(name = "device", gen = IntGen.class, conf = "0:2")
@Param(name = "revision", gen = IntGen.class, conf = "1:4")
@Param(name = "sequence", gen = IntGen.class, conf = "0:5")
public class InMemoryDeviceStoreLincheckTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TYPE = "mediaagent";

    private final InMemoryDeviceStore store = new InMemoryDeviceStore();
    private final DeviceRegistry registry = DeviceRegistry.builder()
            .store(store)
            .clock(Clock.fixed(AT, ZoneOffset.UTC))
            .build();

    public InMemoryDeviceStoreLincheckTest() {
        registry.register(newDevice(0));
        registry.markAvailable(DeviceRef.uuid(uuid(0)));
        registry.register(newDevice(1));
    }

    @Operation
    public String register(@Param(name = "device") int device) {
        return outcome(() -> registry.register(newDevice(device)));
    }

    @Operation
    public String markAvailable(@Param(name = "device") int device) {
        return outcome(() -> registry.markAvailable(DeviceRef.identity(TYPE, mac(device), null)));
    }

    @Operation
    public String reserve(@Param(name = "device") int device) {
        // the request's mac is upper case and hyphenated: it must find the canonical one
        return outcome(() -> registry.reserve(new ReserveRequest(TYPE, mac(device).toUpperCase(Locale.ROOT)
                .replace(':', '-'), serial(device))));
    }

    @Operation
    public String release(@Param(name = "device") int device) {
        return outcome(() -> registry.release(DeviceRef.identity(TYPE, null, serial(device))));
    }

    @Operation
    public String activate(@Param(name = "device") int device, boolean skipReserveCheck) {
        return outcome(() -> registry.activate(new ActivateRequest(TYPE, mac(device), null, skipReserveCheck)));
    }

    @Operation
    public String deactivate(@Param(name = "device") int device) {
        return outcome(() -> registry.deactivate(DeviceRef.uuid(uuid(device))));
    }

    /** Straight through the SPI, as a third-party registry would call it. */
    @Operation
    public String completeDeactivation(@Param(name = "device") int device) {
        WriteResult result = store.transition(DeviceRef.uuid(uuid(device)),
                Transition.of(TransitionTable.rule(DeviceOperation.COMPLETE_DEACTIVATION)), WriteContext.at(AT));
        if (result instanceof WriteResult.Applied applied) {
            return "applied " + describe(applied.device());
        }
        if (result instanceof WriteResult.Refused refused) {
            return "refused " + describe(refused.current());
        }
        return "not found";
    }

    @Operation
    public String update(@Param(name = "device") int device, @Param(name = "revision") int expectedRevision) {
        return outcome(() -> registry.update(DeviceRef.uuid(uuid(device)),
                DeviceUpdate.builder().name("rev " + expectedRevision).expectedRevision(expectedRevision).build()));
    }

    @Operation
    public String find(@Param(name = "device") int device) {
        return store.find(DeviceRef.identity(TYPE, mac(device), serial(device)))
                .map(InMemoryDeviceStoreLincheckTest::describe)
                .orElse("absent");
    }

    @Operation
    public String history(@Param(name = "device") int device) {
        return outcome(() -> registry.history(DeviceRef.uuid(uuid(device))).stream()
                .map(InMemoryDeviceStoreLincheckTest::describe)
                .collect(Collectors.joining(", ")));
    }

    @Operation
    public String events(@Param(name = "sequence") int afterSequence) {
        return registry.events(afterSequence, 4).stream()
                .map(InMemoryDeviceStoreLincheckTest::describe)
                .collect(Collectors.joining(", "));
    }

    @Test
    void randomScenariosAreLinearizable() {
        new StressOptions()
                .iterations(15)
                .invocationsPerIteration(2_000)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .check(getClass());
    }

    /**
     * The race that hid a bug: a registration against a reader that finds the device and then
     * reads the feed. Its window is a few instructions wide, so random scenarios rarely hit it;
     * this scenario is run often enough that reverting the fix fails it (measured with the fix
     * reverted: four runs of 2,000 to 20,000 invocations all failed; two runs of 1,500 passed).
     */
    @Test
    void aRegistrationAndItsEventBecomeVisibleTogether() {
        new StressOptions()
                .iterations(0)
                .invocationsPerIteration(5_000)
                .addCustomScenario(scenario(
                        List.of(op("register", 2)),
                        List.of(op("find", 2), op("events", 3))))
                .check(getClass());
    }

    /** One call of an operation of this class, for a hand-written scenario. */
    private record Call(String operation, Object... arguments) {
    }

    private static Call op(String operation, Object... arguments) {
        return new Call(operation, arguments);
    }

    /** A scenario in which one thread per list runs its calls, all in parallel, on the constructor's state. */
    @SafeVarargs
    private static ExecutionScenario scenario(List<Call>... threads) {
        return CustomScenarioDSLKt.scenario(builder -> {
            builder.parallel(parallel -> {
                for (List<Call> calls : threads) {
                    parallel.thread(thread -> {
                        calls.forEach(call -> thread.actor(function(call), call.arguments()));
                        return Unit.INSTANCE;
                    });
                }
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
    }

    private static KFunction<?> function(Call call) {
        Method method = Arrays.stream(InMemoryDeviceStoreLincheckTest.class.getMethods())
                .filter(m -> m.getName().equals(call.operation()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No operation " + call.operation()));
        return Objects.requireNonNull(ReflectJvmMapping.getKotlinFunction(method), call.operation());
    }

    private static String outcome(Supplier<?> operation) {
        try {
            Object result = operation.get();
            return result instanceof Device device ? describe(device) : String.valueOf(result);
        } catch (DeviceException e) {
            return e.code() + e.device().map(d -> " " + describe(d)).orElse("");
        }
    }

    private static String describe(Device device) {
        return "id " + device.id() + ' ' + device.status() + " rev " + device.revision() + " name " + device.name();
    }

    private static String describe(DeviceEvent event) {
        return event.sequence() + ":" + event.deviceId() + ':' + event.operation() + ':' + event.from() + "->"
                + event.to();
    }

    private static NewDevice newDevice(int device) {
        return NewDevice.builder(TYPE).uuid(uuid(device)).mac(mac(device)).serialNumber(serial(device)).build();
    }

    private static UUID uuid(int device) {
        return new UUID(0xdeb1ceL, device);
    }

    private static String mac(int device) {
        return String.format(Locale.ROOT, "aa:bb:cc:dd:ee:%02x", device);
    }

    private static String serial(int device) {
        return "sn-" + device;
    }
}
