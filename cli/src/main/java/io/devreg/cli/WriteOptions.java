package io.devreg.cli;

import io.devreg.RequestContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of a write: {@code --actor} and {@code --reason} ({@link AuditOptions}), and
 * {@code --idempotency-key}, which makes the command safe to run again after any failure: run
 * again with the same key and the same arguments, it prints the device the first run stored and
 * changes nothing; with other arguments it is refused with 33905.
 */
final class WriteOptions extends AuditOptions {

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = {"Run again with this key and the same arguments: prints the first run's device, changes nothing.",
                    "1 to 255 printable ASCII characters; with other arguments: refused, 33905."})
    @Nullable String idempotencyKey;

    @Override
    RequestContext context() {
        return RequestContext.builder().idempotencyKey(idempotencyKey).actor(actor).reason(reason).build();
    }
}
