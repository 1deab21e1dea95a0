package org.basinledger.api.transfer;

import org.basinledger.api.agreement.AgreementEvent;

/** An event of a compensation transfer; it belongs to its agreement's history too. */
public interface TransferEvent extends AgreementEvent {

    String transferId();
}
