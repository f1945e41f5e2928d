package org.redciudades.notification.preferences;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each person has opted out of, by email. Everyone receives announcements and reminders until they
 * opt out; transactional messages (confirmations, cancellations, membership changes) are always sent.
 */
@Repository
public class Preferences {

    public enum Category { ANNOUNCEMENTS, REMINDERS }

    @Schema(name = "Preferences")
    public record Choice(boolean announcements, boolean reminders) {
        public boolean allows(Category category) {
            return category == Category.ANNOUNCEMENTS ? announcements : reminders;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Preferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Choice of(String email) {
        return jdbc.sql("select announcements, reminders from preference where email = :email")
                .param("email", normalize(email))
                .query(Choice.class)
                .optional().orElse(new Choice(true, true));
    }

    public boolean allows(String email, Category category) {
        return of(email).allows(category);
    }

    public Choice set(String email, Choice choice) {
        jdbc.sql("""
                insert into preference (email, announcements, reminders, updated_at) values (:email, :a, :r, :now)
                on conflict (email) do update set announcements = excluded.announcements, reminders = excluded.reminders,
                    updated_at = excluded.updated_at
                """)
                .param("email", normalize(email)).param("a", choice.announcements()).param("r", choice.reminders())
                .param("now", Timestamp.from(clock.instant())).update();
        return choice;
    }

    public void optOut(String email, Category category) {
        Choice current = of(email);
        set(email, new Choice(current.announcements() && category != Category.ANNOUNCEMENTS,
                current.reminders() && category != Category.REMINDERS));
    }

    static String normalize(String email) {
        return EmailAddresses.normalized(email);
    }
}
