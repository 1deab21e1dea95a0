package org.basinledger.api.emission;

/** An event of an emission scheme (the {@code EmissionScheme} aggregate, id {@link #schemeId()}). */
public interface EmissionEvent {

    String schemeId();
}
