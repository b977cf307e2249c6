/**
 * The {@code devreg} health indicator, for Spring Boot's health endpoint: whether the registry's
 * store reaches its database. Configured only when Spring Boot's health support is on the class path.
 */
@NullMarked
package io.devreg.spring.boot.health;

import org.jspecify.annotations.NullMarked;
