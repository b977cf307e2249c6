/**
 * devreg's Spring Boot auto-configuration: a {@link io.devreg.DeviceRegistry} on the application's
 * {@code DataSource} or the embedded H2 store ({@link io.devreg.spring.boot.DevregAutoConfiguration}),
 * configured by {@code devreg.*} properties ({@link io.devreg.spring.boot.DevregProperties}) and
 * {@link io.devreg.spring.boot.DeviceRegistryBuilderCustomizer} beans, with housekeeping
 * ({@link io.devreg.spring.boot.DevregHousekeeping}). Health and metrics live in the
 * {@code health} and {@code metrics} subpackages.
 */
@NullMarked
package io.devreg.spring.boot;

import org.jspecify.annotations.NullMarked;
