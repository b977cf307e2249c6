package io.devreg.spring.boot;

import java.time.Duration;

/** Waits for what a background thread does: polls an assertion until it holds or the time is up. */
public final class Eventually {

    private Eventually() {
    }

    /** Runs {@code assertion} every 20 ms until it passes; after {@code within}, one last time, letting it fail. */
    public static void within(Duration within, Runnable assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                sleep(20);
            }
        }
        assertion.run();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
