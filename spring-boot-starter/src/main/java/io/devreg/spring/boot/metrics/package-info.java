/**
 * devreg's Micrometer meters: {@code devreg.operations}, {@code devreg.holds.expired},
 * {@code devreg.devices} and the read cache's {@code cache.*} meters. Configured only when the
 * application has a {@link io.micrometer.core.instrument.MeterRegistry}; devreg's core knows nothing of
 * Micrometer and reports through a {@link io.devreg.RegistryListener}.
 */
@NullMarked
package io.devreg.spring.boot.metrics;

import org.jspecify.annotations.NullMarked;
