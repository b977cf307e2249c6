/** An example: devreg wired by a Guice module with {@code @Provides} methods. */
@NullMarked
package io.devreg.examples.guice;

import org.jspecify.annotations.NullMarked;
