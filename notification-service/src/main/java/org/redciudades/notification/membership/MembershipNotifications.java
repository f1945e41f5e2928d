package org.redciudades.notification.membership;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.notification.delivery.MessageCatalog;
import org.redciudades.notification.delivery.Notifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Messages caused by membership events. */
@Configuration
class MembershipNotifications {

    /** The fields of {@code org.redciudades.membership.member.activated.v1} that the welcome needs. */
    record MemberActivated(UUID memberId, Institution institution, String locale, Agreement agreement,
                           List<Contact> contacts) {
        MemberActivated {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(institution, "institution");
            Objects.requireNonNull(agreement, "agreement");
            Objects.requireNonNull(contacts, "contacts");
        }

        record Institution(String name) {
        }

        record Agreement(LocalDate termStart) {
        }

        record Contact(String name, String email, String locale) {
        }
    }

    @Bean
    Consumer<Message<byte[]>> membershipEvents(InboundEvents inbound, Notifications notifications,
                                               MessageCatalog catalog) {
        return inbound.consumer("membership-notifications")
                .on("org.redciudades.membership.member.activated.v1", MemberActivated.class, (activated, event) -> {
                    for (MemberActivated.Contact contact : activated.contacts()) {
                        Locale locale = MessageCatalog.localeOf(contact.locale() != null ? contact.locale() : activated.locale());
                        String termStart = activated.agreement().termStart()
                                .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
                        notifications.queue(event.id(), catalog.render("welcome", contact.email(), locale,
                                contact.name(), activated.institution().name(), termStart));
                    }
                })
                .build();
    }
}
