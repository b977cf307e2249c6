package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.Device;
import io.devreg.DeviceEvent;
import io.devreg.DeviceException;
import io.devreg.DeviceOperation;
import io.devreg.DeviceRef;
import io.devreg.DeviceStatus;
import io.devreg.ErrorCode;
import io.devreg.NewDevice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads on one store: exactly one winner per conditional write, and a feed with no gaps. */
abstract class RaceSpec extends StoreSpec {

    private static final int THREADS = 8;
    private static final int ROUNDS = 100;

    @Test
    void whenManyCallersRaceToReserveADeviceExactlyOneSucceedsAndTheOthersGetDeviceReserved() throws Exception {
        List<Device> devices = new ArrayList<>();
        for (int n = 0; n < ROUNDS; n++) {
            devices.add(given(DeviceStatus.AVAILABLE, n));
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        Map<Long, AtomicInteger> winners = new ConcurrentHashMap<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());

        onThreads(THREADS, () -> {
            for (Device device : devices) {
                start.await(1, TimeUnit.MINUTES);
                try {
                    Device reserved = registry.reserve(DeviceRef.identity(device.type(), device.mac(), device.serialNumber()));
                    assertThat(reserved.status()).isEqualTo(DeviceStatus.RESERVED);
                    winners.computeIfAbsent(device.id(), id -> new AtomicInteger()).incrementAndGet();
                } catch (DeviceException e) {
                    if (e.code() != ErrorCode.DEVICE_RESERVED) {
                        unexpected.add(e);
                    }
                } catch (RuntimeException | AssertionError e) {
                    unexpected.add(e);
                }
            }
            return null;
        });

        assertThat(unexpected).isEmpty();
        for (Device device : devices) {
            assertThat(winners.get(device.id())).as("winners for %s", device).hasValue(1);
            Device stored = registry.get(DeviceRef.id(device.id()));
            assertThat(stored.status()).isEqualTo(DeviceStatus.RESERVED);
            assertThat(stored.revision()).isEqualTo(device.revision() + 1);
            assertThat(registry.history(DeviceRef.id(device.id())))
                    .filteredOn(event -> event.operation() == DeviceOperation.RESERVE).hasSize(1);
        }
    }

    @Test
    void whenManyCallersRaceToRegisterOneIdentityExactlyOneSucceeds() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger thread = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        tick();

        List<List<Device>> registered = onThreads(THREADS, () -> {
            int me = thread.getAndIncrement();
            List<Device> mine = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                // Every thread sends the same serial number; half of them also a mac of their own.
                NewDevice.Builder device = NewDevice.builder("router").serialNumber("sn-" + round);
                if (me % 2 == 0) {
                    device.mac(String.format("02:00:00:00:%02x:%02x", round, me));
                }
                start.await(1, TimeUnit.MINUTES);
                try {
                    mine.add(registry.register(device.build()));
                } catch (DeviceException e) {
                    if (e.code() != ErrorCode.DEVICE_ALREADY_REGISTERED || e.device().isEmpty()
                            || !e.device().get().serialNumber().equals("sn-" + round)) {
                        unexpected.add(e);
                    }
                } catch (RuntimeException e) {
                    unexpected.add(e);
                }
            }
            return mine;
        });

        assertThat(unexpected).isEmpty();
        List<Device> all = registered.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(ROUNDS);
        assertThat(all).extracting(Device::serialNumber).doesNotHaveDuplicates();
        assertThat(feed()).hasSize(ROUNDS);
    }

    @Test
    void aConsumerPollingWhileWritersRaceSeesEveryEventOnceInOrderWithNoGapThatFillsLater() throws Exception {
        int writers = THREADS - 1;
        int devicesPerWriter = 6;
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        AtomicInteger writer = new AtomicInteger();
        AtomicInteger running = new AtomicInteger(writers);
        List<DeviceEvent> seen = Collections.synchronizedList(new ArrayList<>());

        List<Object> results = onThreads(writers + 1, () -> {
            int me = writer.getAndIncrement();
            start.await(1, TimeUnit.MINUTES);
            if (me == writers) {
                consume(running, seen);
                return "consumer";
            }
            try {
                for (int n = 0; n < devicesPerWriter; n++) {
                    Device device = registry.register(NewDevice.builder("router").serialNumber(me + "/" + n).build());
                    DeviceRef ref = DeviceRef.id(device.id());
                    registry.markAvailable(ref);
                    registry.reserve(ref);
                    registry.release(ref);
                    registry.activate(ref, false);
                    registry.deactivate(ref);
                    registry.completeDeactivation(ref);
                }
            } finally {
                running.decrementAndGet();
            }
            return "writer";
        });

        assertThat(results).contains("consumer");
        List<DeviceEvent> feed = feed();
        assertThat(feed).hasSize(writers * devicesPerWriter * 7);
        assertThat(seen).isEqualTo(feed);
        Map<Long, DeviceEvent> lastOfDevice = new HashMap<>();
        for (DeviceEvent event : seen) {
            DeviceEvent previous = lastOfDevice.put(event.deviceId(), event);
            assertThat(event.from()).as("%s after %s", event, previous).isEqualTo(previous == null ? null : previous.to());
        }
    }

    /** Polls the feed in small windows until the writers are done and the feed is drained. */
    private void consume(AtomicInteger running, List<DeviceEvent> seen) {
        long after = 0;
        boolean writersDone = false;
        while (true) {
            writersDone = writersDone || running.get() == 0; // read before polling: a last poll follows
            List<DeviceEvent> window = registry.events(after, 5);
            for (DeviceEvent event : window) {
                assertThat(event.sequence()).as("sequence after %d", after).isGreaterThan(after);
                after = event.sequence();
                seen.add(event);
            }
            if (window.isEmpty() && writersDone) {
                return;
            }
        }
    }
}
