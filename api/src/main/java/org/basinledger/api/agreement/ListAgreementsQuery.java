package org.basinledger.api.agreement;

import org.basinledger.api.common.Caller;

/**
 * Answers an {@link AgreementPage} of status views, newest first, filtered by status, party and basin
 * (each optional), and by what the caller may see: drafts never opened for signature only to their parties
 * and the registrar. {@code page} counts from 0.
 */
public record ListAgreementsQuery(AgreementStatus status, String party, String basin, int page, int size,
                                  Caller caller) {
}
