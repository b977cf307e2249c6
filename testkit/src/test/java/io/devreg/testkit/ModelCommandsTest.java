package io.devreg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.devreg.DeviceOperation;
import io.devreg.ErrorCode;
import io.devreg.testkit.RegistryModel.Found;
import io.devreg.testkit.RegistryModel.Invalid;
import io.devreg.testkit.RegistryModel.Listed;
import io.devreg.testkit.RegistryModel.ModelEvent;
import io.devreg.testkit.RegistryModel.Refused;
import io.devreg.testkit.RegistryModel.State;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model test is only as good as the sequences it runs: these must reach every answer the model
 * knows, or a store could be wrong where no sequence looks.
 */
class ModelCommandsTest {

    @Test
    void generatedSequencesReachEveryCodeEveryOperationAndEveryInvalidField() {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        Set<DeviceOperation> operations = EnumSet.noneOf(DeviceOperation.class);
        Set<String> invalidFields = new HashSet<>();
        Set<String> answers = new HashSet<>();

        qt().withFixedSeed(20260301L).withExamples(300)
                .forAll(ModelCommands.sequences(ModelSpec.MAX_CHUNKS))
                .checkAssert(sequence -> {
                    State state = State.EMPTY;
                    for (ModelCommand command : sequence) {
                        State before = state;
                        state = command.nextState(state);
                        if (state.outcome() instanceof Refused refused) {
                            codes.add(refused.code());
                        } else if (state.outcome() instanceof Invalid invalid) {
                            invalidFields.addAll(invalid.fields());
                        } else if (state.outcome() instanceof RegistryModel.Counted counted && counted.count() > 0) {
                            answers.add("holds expired");
                        } else if (state.outcome() instanceof RegistryModel.Returned
                                && command instanceof ModelCommand.Keyed keyed && before.keys().containsKey(keyed.key())) {
                            answers.add("replayed");
                        } else if (state.outcome() instanceof Found found) {
                            answers.add(found.device().isPresent() ? "found" : "not found");
                        } else if (state.outcome() instanceof Listed listed && !listed.items().isEmpty()
                                && state.steps() > before.steps()) {
                            answers.add(command.getClass().getSimpleName() + " non-empty");
                            if (command instanceof ModelCommand.ListDevices list && listed.items().size() > list.pageSize()) {
                                answers.add("ListDevices over several pages");
                            }
                        }
                    }
                    state.events().stream().map(ModelEvent::operation).forEach(operations::add);
                });

        assertThat(codes).containsExactlyInAnyOrder(ErrorCode.values());
        assertThat(operations).containsExactlyInAnyOrder(DeviceOperation.values());
        assertThat(invalidFields).contains("type", "mac", "serial_number", "name", "version", "id",
                "expected_revision", "update", "holder", "ttl", "account", "limit", "to");
        assertThat(answers).contains("found", "not found", "ListDevices non-empty", "History non-empty",
                "EventsWindow non-empty", "ListDevices over several pages", "Usage non-empty", "holds expired",
                "replayed");
    }

    @Test
    void theModelItselfKeepsEveryHistoryConsistent() {
        qt().withFixedSeed(20260302L).withExamples(300)
                .forAll(ModelCommands.sequences(ModelSpec.MAX_CHUNKS))
                .checkAssert(sequence -> {
                    State state = State.EMPTY;
                    for (ModelCommand command : sequence) {
                        state = command.nextState(state);
                    }
                    for (RegistryModel.ModelDevice device : state.devices()) {
                        List<ModelEvent> history = state.events().stream()
                                .filter(event -> event.ordinal() == device.ordinal()).toList();
                        assertThat(history.get(0).from()).isNull();
                        for (int i = 1; i < history.size(); i++) {
                            assertThat(history.get(i).from()).isEqualTo(history.get(i - 1).to());
                        }
                        assertThat(history.get(history.size() - 1).to()).isEqualTo(device.status());
                    }
                });
    }
}
