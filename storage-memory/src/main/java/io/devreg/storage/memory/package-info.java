/** {@link io.devreg.storage.memory.InMemoryDeviceStore}: devreg's store in the heap of one process. */
@NullMarked
package io.devreg.storage.memory;

import org.jspecify.annotations.NullMarked;
