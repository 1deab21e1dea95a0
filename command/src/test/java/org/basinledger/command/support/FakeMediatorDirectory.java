package org.basinledger.command.support;

import java.util.HashSet;
import java.util.Set;
import org.basinledger.command.registry.MediatorDirectory;

/** Registered mediators in memory for aggregate fixtures. */
public class FakeMediatorDirectory implements MediatorDirectory {

    private final Set<String> mediators = new HashSet<>();

    public FakeMediatorDirectory register(String... mediatorIds) {
        mediators.addAll(Set.of(mediatorIds));
        return this;
    }

    @Override
    public boolean exists(String mediatorId) {
        return mediators.contains(mediatorId);
    }
}
