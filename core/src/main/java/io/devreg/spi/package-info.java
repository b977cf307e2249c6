/**
 * The storage SPI: what a store must do for a {@link io.devreg.DeviceRegistry}. Start at
 * {@link io.devreg.spi.DeviceStore}.
 */
@NullMarked
package io.devreg.spi;

import org.jspecify.annotations.NullMarked;
