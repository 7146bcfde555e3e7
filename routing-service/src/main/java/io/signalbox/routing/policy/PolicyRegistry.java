package io.signalbox.routing.policy;

import java.util.Collection;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The policies this instance can run, by type name. */
public final class PolicyRegistry {

    private final SortedMap<String, Policy> byType = new TreeMap<>();

    public PolicyRegistry(Collection<? extends Policy> policies) {
        for (Policy policy : policies) {
            Policy clash = byType.putIfAbsent(policy.type(), policy);
            if (clash != null) {
                throw new IllegalStateException("Two policies claim the type '" + policy.type() + "': "
                        + clash.getClass().getName() + " and " + policy.getClass().getName());
            }
        }
    }

    public Optional<Policy> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public SortedSet<String> types() {
        return new TreeSet<>(byType.keySet());
    }
}
