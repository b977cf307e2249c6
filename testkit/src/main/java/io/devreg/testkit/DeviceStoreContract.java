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
 * Each test drives a {@link io.devreg.DeviceRegistry} built over a fresh store (with a
 * {@link ManualClock}) and closes the store afterwards. The groups below run as inherited nested
 * tests: the lifecycle ({@code Transitions}), lookups, uniqueness, revisions and updates, listing and
 * paging, history and the change feed, races between threads, and a stateful property test that
 * runs random operation sequences against a reference model.
 */
public abstract class DeviceStoreContract {

    /** The number of random operation sequences the model test runs, unless overridden. */
    public static final int DEFAULT_MODEL_EXAMPLES = 60;

    /** Subclasses supply the store. */
    protected DeviceStoreContract() {
    }

    /**
     * A fresh, empty store; called once per test and once per random operation sequence of the
     * model test. The suite closes every store it gets.
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
