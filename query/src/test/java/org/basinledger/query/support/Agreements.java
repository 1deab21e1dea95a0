package org.basinledger.query.support;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;

/** Drafts for tests: parties in alternating UPSTREAM / DOWNSTREAM roles, two obligations of the first party. */
public final class Agreements {

    public static final String HZ = "CN-ZJ-HZ";
    public static final String HS = "CN-AH-HS";
    public static final String SH = "CN-SH";
    public static final String AH = "CN-AH";

    private Agreements() {
    }

    public static AgreementDraft draft(String title, String basin, String... parties) {
        PartyRole[] roles = {PartyRole.UPSTREAM, PartyRole.DOWNSTREAM};
        List<Party> list = IntStream.range(0, parties.length)
                .mapToObj(i -> new Party(parties[i], roles[i % 2]))
                .toList();
        AgreementTerms terms = new AgreementTerms("The parties agree to keep the river clean.", List.of(),
                List.of(new ObligationTerm("OB-1", parties[0], "Build a treatment plant", LocalDate.of(2026, 6, 30)),
                        new ObligationTerm("OB-2", parties[0], "Publish monthly data", LocalDate.of(2026, 12, 31))),
                List.of());
        return new AgreementDraft(title, basin, list, LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31), terms);
    }

    public static List<String> ids(List<AgreementStatusView> views) {
        return views.stream().map(AgreementStatusView::id).toList();
    }
}
