package io.devreg.testkit;

import io.devreg.spi.DeviceStore;
import org.junit.jupiter.api.Nested;

/**
 * The storage conformance suite: every {@link DeviceStore} in devreg passes it, and so can a third
 * party's. A store's test class extends it and implements {@link #createStore()}:
 *
 * <pre>{@code
 * class MyDeviceStoreContractTest extends DeviceStoreContract {
 *     protected DeviceStore createStore() {
 *         return new MyDeviceStore(freshEmptyDatabase());
 *     }
 * }
 * }</pre>
 *
 * Each test drives a {@link io.devreg.DeviceRegistry} built over a fresh store from
 * {@link #createStore()} (with a {@link ManualClock}) and closes the store afterwards; the cases of
 * one dynamic test factory share its store, each with devices of its own. Nothing in the suite
 * depends on how a store is built, only on the guarantees {@link DeviceStore} documents.
 * The groups run as inherited {@link Nested} tests:
 * <ul>
 *   <li>{@code Transitions}: every operation from every status, against the lifecycle stated in the
 *       suite itself, with the refusal code of the current status; unknown devices.</li>
 *   <li>{@code Lookups}: by id, uuid and identity (mac, serial number, both), every mac notation.</li>
 *   <li>{@code Uniqueness}: uuid, (type, mac), (type, serial number); a duplicate stores nothing.</li>
 *   <li>{@code RevisionsAndUpdates}: revisions, {@code update} and its expected revision,
 *       microsecond timestamps, every field stored exactly.</li>
 *   <li>{@code ListingAndPaging}: filters, and keyset paging that yields each match once.</li>
 *   <li>{@code HistoryAndFeed}: histories and the change feed agree; every window of the feed.</li>
 *   <li>{@code Races}: eight threads racing to reserve and to register (exactly one winner), and
 *       writers racing a polling consumer that must see every event once, in order. The store must
 *       serve eight threads at once.</li>
 *   <li>{@code Holds}: holds with a holder and a TTL (the registry's default TTL, none),
 *       re-reserving by the holder, extending (up to the maximum hold lifetime), releasing,
 *       force-releasing, holder, TTL and reason validation.</li>
 *   <li>{@code HoldExpiry}: the exact instant a hold runs out, a hold that ran out reading as
 *       available everywhere and its {@code EXPIRE} recorded before the next write's event, in the
 *       same step, and {@code expireHolds}.</li>
 *   <li>{@code Accounts}: activation on an account (from available, by the hold's holder, skipping
 *       the reserve check), the account kept until the deactivation completes.</li>
 *   <li>{@code Usage}: billable usage clipped to half-open periods, and a QuickTheories property:
 *       over random activation schedules, usage over two adjacent periods is usage over their union
 *       split at the boundary, and agrees with the schedule itself.</li>
 *   <li>{@code Idempotency}: for every write in each of its forms, a replay with its idempotency key
 *       answers the first result and changes nothing, another request with the key fails with
 *       {@code IDEMPOTENCY_KEY_REUSED}, a refused write records nothing; keys kept for their
 *       retention, then purged; sixteen threads with one key and one request make one write.</li>
 *   <li>{@code RequestContexts}: actor, reason and key on every event of a write through a view
 *       (implicit expiries and {@code expireHolds} included), on none of the plain registry's; no
 *       key on {@code registerAll} and {@code expireHolds}; hostile actor, reason and key values.</li>
 *   <li>{@code BulkRegistration}: {@code registerAll} under CREATE and CREATE_OR_UPDATE, one result
 *       per row in order, as if the rows were registered one by one (duplicates of the store and of
 *       earlier rows), updates without events, a few hundred rows in one call, at most 10,000.</li>
 *   <li>{@code HoldRaces}: on two registries sharing the store, eight holders racing for a device
 *       (exactly one holds it), a holder retaking or extending its hold as it runs out while another
 *       holder and a sweep race it (exactly one takes it, the hold ends once), a holder extending
 *       while the clock crosses its expiry (never two winners), and sweeps racing each other and a
 *       writer (every hold ends exactly once, the sweeps' counts agree with their events).</li>
 *   <li>{@code ReferenceModel}: QuickTheories runs random operation sequences (valid and invalid
 *       input, duplicates, every transition, updates, lookups, listings, feed windows) against the
 *       store and against a reference model, comparing every answer, device and event after each
 *       step. A failure is shrunk to a minimal sequence and reported with its seed; rerun it with
 *       {@code -DQT_SEED=<seed>}.</li>
 * </ul>
 */
public abstract class DeviceStoreContract {

    /** The number of random operation sequences the model test runs, unless overridden. */
    public static final int DEFAULT_MODEL_EXAMPLES = 50;

    /** Subclasses supply the store. */
    protected DeviceStoreContract() {
    }

    /**
     * A fresh, empty store; called once per test (once for all the cases of a dynamic test factory)
     * and once per random operation sequence of the model test. The suite closes every store it gets.
     */
    protected abstract DeviceStore createStore();

    /**
     * How many random operation sequences the stateful model test runs. The default keeps the whole
     * contract within about 20 seconds on a real database; a fast store may run more.
     */
    protected int modelExamples() {
        return DEFAULT_MODEL_EXAMPLES;
    }

    @Nested
    class Transitions extends TransitionSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class Lookups extends LookupSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class Uniqueness extends UniquenessSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class RevisionsAndUpdates extends RevisionSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class ListingAndPaging extends ListingSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class HistoryAndFeed extends FeedSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class Races extends RaceSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class Holds extends HoldSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class HoldExpiry extends HoldExpirySpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class Accounts extends AccountSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class Usage extends UsageSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class Idempotency extends IdempotencySpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class RequestContexts extends RequestContextSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class BulkRegistration extends BulkSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class HoldRaces extends HoldRaceSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }
    }

    @Nested
    class ReferenceModel extends ModelSpec {
        @Override
        DeviceStore createStore() {
            return DeviceStoreContract.this.createStore();
        }

        @Override
        int examples() {
            return modelExamples();
        }
    }
}
