package io.devreg.reliability;

/**
 * The scale of the randomized tests. The normal build runs them small enough to fit its time
 * budget; {@code mvn -Psoak verify} (system property {@code devreg.soak=true}) runs them longer.
 */
final class Soak {

    private Soak() {
    }

    static boolean enabled() {
        return Boolean.getBoolean("devreg.soak");
    }

    /** {@code normal} in the normal build, {@code soak} under {@code -Psoak}. */
    static int scale(int normal, int soak) {
        return enabled() ? soak : normal;
    }
}
