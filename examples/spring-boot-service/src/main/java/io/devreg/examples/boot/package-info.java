/** An example billing service: the billing API's device endpoints over devreg, on Spring Boot. */
@NullMarked
package io.devreg.examples.boot;

import org.jspecify.annotations.NullMarked;
