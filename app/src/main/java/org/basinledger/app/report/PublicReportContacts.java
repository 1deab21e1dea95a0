package org.basinledger.app.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.basinledger.api.report.ReportContact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The contacts of public reports ({@code public_report_contact}): personal data, kept outside the event store and
 * outside the read models, with the salt of the hash the report's event carries. Written in the filing command's own
 * transaction ({@link PublicReportContactInterceptor}); read only for the registrar and the assigned jurisdiction;
 * erased (the row deleted) at the reporter's request. Nothing here logs a contact.
 */
@Component
public class PublicReportContacts {

    private final JdbcTemplate jdbc;

    public PublicReportContacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A kept contact and its salt. */
    public record Kept(ReportContact contact, String salt) {
    }

    void keep(String reportId, String salt, ReportContact contact, Instant at) {
        jdbc.update("INSERT INTO public_report_contact (report_id, salt, name, phone, email, kept_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", reportId, salt, blankAsNull(contact.name()),
                blankAsNull(contact.phone()), blankAsNull(contact.email()), at.atOffset(ZoneOffset.UTC));
    }

    public Optional<Kept> find(String reportId) {
        return jdbc.query("SELECT salt, name, phone, email FROM public_report_contact WHERE report_id = ?",
                (rs, i) -> new Kept(new ReportContact(rs.getString("name"), rs.getString("phone"),
                        rs.getString("email")), rs.getString("salt")), reportId).stream().findFirst();
    }

    /** Whether the report's event carries a contact hash (read from the report's read model). */
    boolean wasGiven(String reportId) {
        return !jdbc.queryForList("SELECT contact_hash FROM public_report WHERE report_id = ? AND contact_hash IS NOT NULL",
                String.class, reportId).isEmpty();
    }

    /** Deletes the contact and its salt; answers whether there was one. */
    public boolean erase(String reportId) {
        return jdbc.update("DELETE FROM public_report_contact WHERE report_id = ?", reportId) > 0;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
