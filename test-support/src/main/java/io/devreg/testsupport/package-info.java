/**
 * What devreg's test modules share: {@link io.devreg.testsupport.EmbeddedPostgresServer}.
 */
@NullMarked
package io.devreg.testsupport;

import org.jspecify.annotations.NullMarked;
