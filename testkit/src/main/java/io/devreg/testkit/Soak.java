package io.devreg.testkit;

/**
 * The scale of the randomized reliability contracts ({@link ReservationRaceContract},
 * {@link InjectedFaultsContract}): small enough for every build by default, 10 to 40 times larger
 * when the system property {@code devreg.soak} is {@code true} (a soak run).
 */
public final class Soak {

    private Soak() {
    }

    /** Whether this is a soak run: system property {@code devreg.soak=true}. */
    public static boolean enabled() {
        return Boolean.getBoolean("devreg.soak");
    }

    /** {@code normal} in a normal run, {@code soak} in a soak run. */
    public static int scale(int normal, int soak) {
        return enabled() ? soak : normal;
    }
}
