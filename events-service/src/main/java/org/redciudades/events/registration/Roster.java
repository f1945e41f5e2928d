package org.redciudades.events.registration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.PagedQuery;
import org.redciudades.events.catalogue.Catalogue;
import org.redciudades.events.catalogue.CatalogueEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organizers' view of who registered for an event: a paged list and a spreadsheet export. */
@Service
public class Roster {

    /** One line of the roster, with the institution's name from this service's membership projection. */
    @Schema(name = "RosterEntry")
    public record Entry(UUID id, String name, String email, String locale, UUID memberId, String institution,
                        RegistrationStatus status, long position, java.time.Instant createdAt,
                        java.time.Instant attendedAt) {
    }

    private static final String COLUMNS = "r.*, m.name as institution";
    private static final String FROM = "registration r left join member_eligibility m on m.member_id = r.member_id";
    private static final Map<String, String> SORTABLE = Map.of("position", "r.position", "name", "r.name");
    private static final String ACCENTED = "áàâäãéèêëíìîïóòôöõúùûüñç";
    private static final String PLAIN = "aaaaaeeeeiiiiooooouuuunc";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;
    private final Catalogue catalogue;

    Roster(JdbcClient jdbc, Catalogue catalogue) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
    }

    /**
     * Registrations in arrival order by default, optionally of one status, and optionally those {@code q} finds:
     * a name or email that contains it, capitals and accents aside ("jose" finds "José"), or, when it is four to
     * 32 hexadecimal digits (a dash allowed), an id that starts with them: the registration code an attendee
     * shows at the door (the first eight, {@code 3F2A-9C1B}).
     */
    public PageQuery.Page<Entry> page(UUID eventId, RegistrationStatus status, String q, PageQuery page) {
        catalogue.get(eventId, true);
        PagedQuery query = PagedQuery.of(jdbc, FROM, SORTABLE, "r.id")
                .where("r.event_id = :event", "event", eventId)
                .filter("r.status = :status", "status", status);
        String text = q == null ? "" : fold(q);
        if (!text.isEmpty()) {
            boolean code = text.replace("-", "").matches("[0-9a-f]{4,32}");
            query.where("(strpos(translate(lower(r.name), '" + ACCENTED + "', '" + PLAIN + "'), :q) > 0"
                    + " or strpos(lower(r.email), :q) > 0"
                    + (code ? " or starts_with(replace(r.id::text, '-', ''), replace(:q, '-', ''))" : "") + ")",
                    "q", text);
        }
        return query.page(page, COLUMNS, (rs, n) -> entry(rs));
    }

    /** Lower case without accents, as the SQL's {@code translate} folds names, for Spanish and Portuguese names. */
    static String fold(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        for (char c : lower.toCharArray()) {
            int accented = ACCENTED.indexOf(c);
            folded.append(accented < 0 ? c : PLAIN.charAt(accented));
        }
        return folded.toString();
    }

    /**
     * Writes every registration as CSV for a spreadsheet: UTF-8 with a byte-order mark so Excel reads the
     * accents right, CRLF line ends, RFC 4180 quoting, times in the event's own zone, and cells that a
     * spreadsheet would run as a formula neutralised.
     */
    @Transactional(readOnly = true)
    public void exportCsv(CatalogueEntry event, Writer out) {
        UUID eventId = event.id();
        ZoneId zone = ZoneId.of(event.timeZone());
        try {
            out.write('\uFEFF');
            line(out, List.of("registration_id", "status", "name", "email", "institution", "member_id", "locale",
                    "registered_at (" + zone.getId() + ")", "attended_at (" + zone.getId() + ")", "position"));
            String everyone = "select " + COLUMNS + " from " + FROM + " where r.event_id = :event order by r.position";
            jdbc.sql(everyone).param("event", eventId).query(rs -> {
                Entry e = entry(rs);
                line(out, List.of(e.id().toString(), e.status().name(), e.name(), e.email(),
                        e.institution() == null ? "" : e.institution(), e.memberId() == null ? "" : e.memberId().toString(),
                        e.locale(), LOCAL.format(e.createdAt().atZone(zone)),
                        e.attendedAt() == null ? "" : LOCAL.format(e.attendedAt().atZone(zone)),
                        Long.toString(e.position())));
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(Writer out, List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 quoting; a leading =, +, - or @ (a formula to a spreadsheet) is prefixed with an apostrophe. */
    static String cell(String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        Registration r = SeatLedger.map(rs, 0);
        return new Entry(r.id(), r.name(), r.email(), r.locale(), r.memberId(), rs.getString("institution"),
                r.status(), r.position(), r.createdAt(), r.attendedAt());
    }

}
