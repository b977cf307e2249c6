/**
 * devreg: an embeddable device registry for JVM billing applications.
 *
 * <p>Start at {@link io.devreg.DeviceRegistry}: build one over a {@link io.devreg.spi.DeviceStore}
 * and call its operations. Every type in this package is immutable and thread-safe unless its
 * Javadoc says otherwise (builders are not thread-safe).
 */
@NullMarked
package io.devreg;

import org.jspecify.annotations.NullMarked;
