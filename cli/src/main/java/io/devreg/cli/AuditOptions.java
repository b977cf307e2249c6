package io.devreg.cli;

import io.devreg.RequestContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Who makes a command's change and why: {@code --actor} and {@code --reason}, recorded on every
 * event the command appends. The options of a write that takes no idempotency key
 * ({@code expire-holds}); every other write takes {@link WriteOptions}.
 */
class AuditOptions {

    @Option(names = "--actor", paramLabel = "ACTOR",
            description = "Who makes the change, recorded on its events (at most 128 characters).")
    @Nullable String actor;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why the change is made, recorded on its events (at most 1000 characters).")
    @Nullable String reason;

    /**
     * The context these options make.
     *
     * @throws io.devreg.ValidationException with every invalid option, keyed by its wire name
     */
    RequestContext context() {
        return RequestContext.builder().actor(actor).reason(reason).build();
    }
}
