package io.catalogingest.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every {@link Infrastructure} instance the test classes of this JVM were given. */
final class SharedInstances {

    private static final Set<Infrastructure> SEEN = ConcurrentHashMap.newKeySet();

    private SharedInstances() {
    }

    /** Records one test class's instance and answers all instances seen so far. */
    static Set<Infrastructure> record(Infrastructure infrastructure) {
        SEEN.add(infrastructure);
        return Set.copyOf(SEEN);
    }
}
