package org.basinledger.app.portal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.ledger.SignedTreeHead;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The public portal: server-rendered pages for people without an account, usable without JavaScript. The
 * agreement list with filters ({@code /}), an agreement ({@code /agreements/{id}}, and the part of it that live
 * updates replace, {@code /agreements/{id}/fragment}), a jurisdiction ({@code /jurisdictions/{id}}) and the ledger's
 * signed head ({@code /ledger}). Whoever asks, the pages show only what the public may see ({@link PortalReader}).
 */
@Controller
public class PortalController {

    static final int PAGE_SIZE = 20;

    private final PortalReader reader;

    public PortalController(PortalReader reader) {
        this.reader = reader;
    }

    /** A filter value as typed: blank means "any". */
    public record Filters(String status, String party, String basin) {

        public boolean any() {
            return !status.isEmpty() || !party.isEmpty() || !basin.isEmpty();
        }
    }

    @GetMapping("/")
    public String agreements(@RequestParam(required = false) String status,
                             @RequestParam(required = false) String party,
                             @RequestParam(required = false) String basin,
                             @RequestParam(required = false) String page, Model model) {
        Filters filters = new Filters(trim(status), trim(party), trim(basin));
        AgreementStatus wanted = parseStatus(filters.status());
        int pageNumber = Math.max(parsePage(page) - 1, 0);
        model.addAttribute("filters", filters);
        model.addAttribute("statusError", !filters.status().isEmpty() && wanted == null);
        model.addAttribute("statuses", publicStatuses());
        model.addAttribute("jurisdictions", reader.names());
        model.addAttribute("list", reader.agreements(wanted, blankToNull(filters.party()), blankToNull(filters.basin()),
                pageNumber, PAGE_SIZE));
        model.addAttribute("incidents", reader.openIncidents(null));
        return "portal/agreements";
    }

    /**
     * An agreement; its long tables a page at a time: {@code transfersPage} and {@code assessmentsPage} (from 1)
     * and the history from after {@code historyAfter} (an event's sequence). A value that is not a page number
     * shows the first page, as on the list.
     */
    @GetMapping("/agreements/{id}")
    public String agreement(@PathVariable String id,
                            @RequestParam(name = "transfersPage", required = false) String transfersPage,
                            @RequestParam(name = "assessmentsPage", required = false) String assessmentsPage,
                            @RequestParam(name = "historyAfter", required = false) String historyAfter,
                            Model model) {
        model.addAttribute("page", reader.agreement(id, selection(transfersPage, assessmentsPage, historyAfter)));
        model.addAttribute("money", reader.agreementMoney(id));
        model.addAttribute("incidents", reader.openIncidents(id));
        return "portal/agreement";
    }

    /**
     * Two versions of the agreement's terms compared field by field ({@code from}, {@code to}: version numbers; by
     * default the version before the one in effect and the one in effect). A plain page and a plain form.
     */
    @GetMapping("/agreements/{id}/versions/diff")
    public String versionsDiff(@PathVariable String id, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) String all, Model model) {
        model.addAttribute("page", reader.diff(id, from, to));
        model.addAttribute("all", all != null && !all.isBlank());
        return "portal/versions-diff";
    }

    /** The live part of the agreement page, for the page's script to swap in when the stream says it changed. */
    @GetMapping("/agreements/{id}/fragment")
    public ModelAndView fragment(@PathVariable String id,
                                 @RequestParam(name = "transfersPage", required = false) String transfersPage,
                                 @RequestParam(name = "assessmentsPage", required = false) String assessmentsPage,
                                 @RequestParam(name = "historyAfter", required = false) String historyAfter) {
        ModelAndView view = new ModelAndView("portal/agreement :: live");
        view.addObject("page", reader.agreement(id, selection(transfersPage, assessmentsPage, historyAfter)));
        view.addObject("money", reader.agreementMoney(id));
        return view;
    }

    private static PortalReader.TableSelection selection(String transfersPage, String assessmentsPage,
                                                         String historyAfter) {
        long after;
        try {
            after = historyAfter == null ? 0 : Math.max(Long.parseLong(historyAfter.strip()), 0);
        } catch (NumberFormatException e) {
            after = 0;
        }
        return new PortalReader.TableSelection(Math.max(parsePage(transfersPage), 1),
                Math.max(parsePage(assessmentsPage), 1), after);
    }

    /**
     * The banner of open incidents (of one agreement with {@code agreementId}), for the page's script to swap in
     * when the incident stream announces a change.
     */
    @GetMapping("/incidents/banner")
    public ModelAndView incidentBanner(@RequestParam(required = false) String agreementId) {
        String agreement = agreementId == null || agreementId.isBlank() ? null : agreementId.strip();
        if (agreement != null) {
            reader.agreement(agreement, PortalReader.TableSelection.FIRST); // 404 unless the public may see it
        }
        ModelAndView view = new ModelAndView("portal/incidents :: banner");
        view.addObject("incidents", reader.openIncidents(agreement));
        return view;
    }

    @GetMapping("/jurisdictions/{id}")
    public String jurisdiction(@PathVariable String id, Model model) {
        model.addAttribute("page", reader.jurisdiction(id));
        model.addAttribute("incidentRecord", reader.incidentRecord(id));
        return "portal/jurisdiction";
    }

    @GetMapping("/ledger")
    public String ledger(Model model) {
        model.addAttribute("page", reader.ledger());
        return "portal/ledger";
    }

    /** One leaf of the integrity log: what its inclusion proof shows and how to check it, for people. */
    @GetMapping("/ledger/leaves/{leafIndex}")
    public String leaf(@PathVariable String leafIndex, Model model) {
        long index;
        try {
            index = Long.parseLong(leafIndex.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException("no leaf " + leafIndex);
        }
        model.addAttribute("page", reader.leaf(index));
        return "portal/leaf";
    }

    /**
     * The current signed head as a file to keep ({@code basin-ledger-head-<size>.json}, the JSON of
     * {@code /api/v1/ledger/head}): a visitor who keeps it can later prove the ledger still extends it (the auditor's
     * {@code check --head <file>}, or a consistency proof by hand).
     */
    @GetMapping(value = "/ledger/head.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SignedTreeHead> headDownload() {
        SignedTreeHead head = reader.ledger().head();
        if (head == null) {
            throw new NotFoundException("the ledger has logged no event yet: there is no signed head to keep");
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("basin-ledger-head-" + head.treeSize() + ".json").build().toString())
                .body(head);
    }

    /** The states an agreement the public can see may be in (never a draft). */
    static List<AgreementStatus> publicStatuses() {
        return Arrays.asList(AgreementStatus.OPEN_FOR_SIGNATURE, AgreementStatus.SIGNED, AgreementStatus.IN_FORCE,
                AgreementStatus.EXPIRED, AgreementStatus.TERMINATED);
    }

    private static AgreementStatus parseStatus(String status) {
        if (status.isEmpty()) {
            return null;
        }
        try {
            return AgreementStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int parsePage(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
