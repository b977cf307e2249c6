package io.devreg;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paginated listing.
 *
 * @param items      the items of this page, in id order
 * @param nextCursor the cursor of the next page ({@link DeviceQuery.Builder#after(String)});
 *                   empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    /** Copies the items; a page never changes. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
