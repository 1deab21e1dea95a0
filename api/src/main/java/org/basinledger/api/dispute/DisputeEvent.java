package org.basinledger.api.dispute;

import org.basinledger.api.agreement.AgreementEvent;

/** An event of a dispute; it belongs to its agreement's history too. */
public interface DisputeEvent extends AgreementEvent {

    String disputeId();
}
