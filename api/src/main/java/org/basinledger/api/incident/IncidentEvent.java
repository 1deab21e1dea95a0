package org.basinledger.api.incident;

import org.basinledger.api.agreement.AgreementEvent;

/** An event of an incident: it concerns the agreement under which the incident was raised (and its history). */
public interface IncidentEvent extends AgreementEvent {

    String incidentId();
}
