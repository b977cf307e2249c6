package io.devreg.testkit;

import static org.quicktheories.QuickTheory.qt;

import io.devreg.spi.DeviceStore;
import io.devreg.testkit.RegistryModel.State;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.stateful.Sequential;

/**
 * The stateful property: random operation sequences give the same answers, devices and events on
 * the registry over the store under test as on the {@link RegistryModel}. QuickTheories shrinks a
 * failing sequence to a minimal one and reports it with its seed.
 */
abstract class ModelSpec {

    /** The most chunks (operations, or runs along the lifecycle) in a sequence; a quarter are empty. */
    static final int MAX_CHUNKS = 30;

    /** Enough to shrink a failure to a few operations without running for many minutes on a database. */
    static final int SHRINK_CYCLES = 2000;

    /** A fresh, empty store: one per sequence. */
    abstract DeviceStore createStore();

    /** How many sequences to run. */
    abstract int examples();

    @Test
    void randomOperationSequencesAgreeWithTheReferenceModel() {
        qt().withExamples(examples()).withShrinkCycles(SHRINK_CYCLES)
                .forAll(ModelCommands.sequences(MAX_CHUNKS))
                .checkAssert(this::agreeWithTheModel);
    }

    private void agreeWithTheModel(List<ModelCommand> operations) {
        try (DeviceStore store = createStore()) {
            ModelHarness harness = new ModelHarness(store);
            Sequential.modelCheck(State.EMPTY, operations, initial -> harness, ModelHarness::observe);
        }
    }
}
