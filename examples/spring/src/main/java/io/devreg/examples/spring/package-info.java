/** An example: devreg wired by a plain Spring {@code @Configuration}. */
@NullMarked
package io.devreg.examples.spring;

import org.jspecify.annotations.NullMarked;
