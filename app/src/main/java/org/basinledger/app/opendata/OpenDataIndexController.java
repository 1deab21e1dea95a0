package org.basinledger.app.opendata;

import io.swagger.v3.oas.annotations.Hidden;
import org.basinledger.app.opendata.OpenDataCatalogue.Catalogue;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The open-data index: every download with its licence, fields and update time, as a page for people
 * ({@code /open-data/}, linked from the portal's header and footer) and as JSON for programs (the same address with
 * {@code Accept: application/json}, or {@code /open-data/index.json}).
 */
@Controller
public class OpenDataIndexController {

    private final OpenDataCatalogue catalogue;

    public OpenDataIndexController(OpenDataCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Hidden
    @GetMapping(value = {"/open-data", "/open-data/"}, produces = MediaType.TEXT_HTML_VALUE)
    public String page(Model model) {
        model.addAttribute("catalogue", catalogue.catalogue());
        return "portal/open-data";
    }

    @GetMapping(value = {"/open-data", "/open-data/", "/open-data/index.json"}, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public Catalogue json() {
        return catalogue.catalogue();
    }
}
