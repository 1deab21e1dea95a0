package org.basinledger.command.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.basinledger.command.registry.JurisdictionDirectory;

/** A registry in memory for aggregate fixtures: jurisdictions with their active keys. */
public class FakeJurisdictionDirectory implements JurisdictionDirectory {

    private final Map<String, List<SigningKey>> activeKeys = new LinkedHashMap<>();

    public FakeJurisdictionDirectory register(String jurisdictionId, TestKeys... keys) {
        List<SigningKey> list = activeKeys.computeIfAbsent(jurisdictionId, id -> new ArrayList<>());
        for (TestKeys key : keys) {
            list.add(key.signingKey());
        }
        return this;
    }

    public FakeJurisdictionDirectory revoke(String jurisdictionId, TestKeys key) {
        activeKeys.get(jurisdictionId).removeIf(k -> k.keyId().equals(key.keyId()));
        return this;
    }

    @Override
    public boolean exists(String jurisdictionId) {
        return activeKeys.containsKey(jurisdictionId);
    }

    @Override
    public List<SigningKey> activeKeys(String jurisdictionId) {
        return List.copyOf(activeKeys.getOrDefault(jurisdictionId, List.of()));
    }
}
