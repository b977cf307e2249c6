/**
 * The {@code devreg} command line: one command per registry operation, JSON in the billing API's
 * shapes on stdout, errors as JSON on stderr with an exit status per class of error
 * ({@link io.devreg.cli.ExitStatus}).
 */
@NullMarked
package io.devreg.cli;

import org.jspecify.annotations.NullMarked;
