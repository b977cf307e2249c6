package io.devreg;

import static org.assertj.core.api.Assertions.assertThat;

import io.devreg.spi.WriteContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A request context is a value: two with the same key, actor and reason are equal (whatever their
 * replay listeners), and any difference in one of the three tells them apart. What a store is told
 * about a write follows from it.
 */
class RequestContextTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static RequestContext context(String key, String actor, String reason) {
        return RequestContext.builder().idempotencyKey(key).actor(actor).reason(reason).build();
    }

    @Test
    void contextsWithTheSameKeyActorAndReasonAreEqualAndHashAlike() {
        RequestContext one = context("k-1", "ops", "restock");
        RequestContext same = RequestContext.builder().idempotencyKey("k-1").actor("ops").reason("restock")
                .onReplay(device -> { }).build();

        assertThat(same).isEqualTo(one).hasSameHashCodeAs(one);
    }

    @Test
    void aDifferentKeyActorOrReasonMakesAnotherContext() {
        RequestContext one = context("k-1", "ops", "restock");

        assertThat(context("k-2", "ops", "restock")).isNotEqualTo(one);
        assertThat(context("k-1", "billing", "restock")).isNotEqualTo(one);
        assertThat(context("k-1", "ops", "return")).isNotEqualTo(one);
        assertThat(RequestContext.NONE).isNotEqualTo(one);
        assertThat(one).isNotEqualTo("k-1");
    }

    @Test
    void itNamesItsKeyActorAndReason() {
        assertThat(context("k-1", "ops", "restock").toString()).contains("k-1", "ops", "restock");
    }

    @Test
    void aWriteIsKeyedExactlyWhenItsContextNamesAKey() {
        assertThat(WriteContext.at(AT).keyed()).isFalse();
        assertThat(new WriteContext(AT, "ops", "restock", null, null).keyed()).isFalse();
        assertThat(new WriteContext(AT, null, null, "k-1", "fingerprint").keyed()).isTrue();
    }
}
