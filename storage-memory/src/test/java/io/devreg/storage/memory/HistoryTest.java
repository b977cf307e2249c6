package io.devreg.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.devreg.DeviceEvent;
import io.devreg.DeviceOperation;
import io.devreg.DeviceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static DeviceEvent event(long sequence) {
        return new DeviceEvent(sequence, 1, DeviceOperation.RESERVE, DeviceStatus.AVAILABLE, DeviceStatus.RESERVED,
                Instant.EPOCH.plusSeconds(sequence));
    }

    /** Appends {@code count} events and checks the history returns exactly them, in order, at every step it is read. */
    private static void appendAndRead(int count, int readEvery) {
        History history = new History();
        List<DeviceEvent> expected = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            DeviceEvent event = event(n);
            history.add(event);
            expected.add(event);
            if (n % readEvery == 0 || n == count) {
                assertThat(history.size()).isEqualTo(n);
                assertThat(history.toList(HistoryTest::event)).isEqualTo(expected);
            }
        }
    }

    @Test
    void an_empty_history_is_an_empty_list() {
        History history = new History();
        assertThat(history.size()).isZero();
        assertThat(history.toList(HistoryTest::event)).isEmpty();
    }

    @Test
    void every_length_across_chunk_boundaries_reads_back_in_order() {
        // chunks of 4, 8, ... 1024, then 1024 each: every boundary up to three full largest chunks
        appendAndRead(4 + 8 + 16 + 32 + 64 + 128 + 256 + 512 + 3 * 1024 + 1, 1);
    }

    @Test
    void any_number_of_events_reads_back_in_order() {
        qt().withExamples(100)
                .forAll(integers().between(0, 10_000), integers().between(50, 5_000))
                .checkAssert(HistoryTest::appendAndRead);
    }

    @Test
    void the_list_read_is_a_snapshot_that_cannot_be_changed() {
        History history = new History();
        history.add(event(1));
        List<DeviceEvent> read = history.toList(HistoryTest::event);
        history.add(event(2));
        assertThat(read).containsExactly(event(1));
        assertThatThrownBy(() -> read.add(event(3))).isInstanceOf(UnsupportedOperationException.class);
    }
}
