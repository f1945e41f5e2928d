package org.redciudades.notification.membership;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.redciudades.chassis.envelope.InboundEvent;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.notification.delivery.MessageCatalog;
import org.redciudades.notification.delivery.Notifications;
import org.redciudades.notification.membership.MemberContacts.Contact;
import org.redciudades.notification.membership.MemberContacts.Recipient;
import org.redciudades.notification.privacy.Erasure;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Messages caused by membership facts, to the institution's contacts, each in the contact's language,
 * and the projection of members and contacts they need. Records here carry only the fields read.
 */
@Configuration
class MembershipNotifications {

    private static final String TYPE = "org.redciudades.membership.";

    record Institution(String name) {
    }

    record ContactData(UUID contactId, String name, String email, String locale, Boolean primary) {
        ContactData {
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(email, "email");
        }

        Contact toContact() {
            return new Contact(contactId, name == null ? "" : name, email, locale, Boolean.TRUE.equals(primary));
        }
    }

    /** application.submitted and member.activated: the institution with its contacts. */
    record MemberWithContacts(UUID memberId, Institution institution, String locale, String timeZone,
                              Agreement agreement, List<ContactData> contacts) {
        MemberWithContacts {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(institution, "institution");
            Objects.requireNonNull(contacts, "contacts");
        }

        record Agreement(LocalDate termStart) {
        }
    }

    /** Any fact that names the institution, with an optional reason or agreement end. */
    record MemberFact(UUID memberId, String institutionName, String locale, String timeZone, String reason,
                      LocalDate termEnd) {
        MemberFact {
            Objects.requireNonNull(memberId, "memberId");
        }
    }

    record ContactFact(UUID memberId, ContactData contact) {
        ContactFact {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(contact, "contact");
        }
    }

    record ContactGone(UUID memberId, UUID contactId) {
        ContactGone {
            Objects.requireNonNull(contactId, "contactId");
        }
    }

    record ContactErased(UUID memberId, UUID contactId, String erasedBy) {
        ContactErased {
            Objects.requireNonNull(contactId, "contactId");
            erasedBy = erasedBy == null ? "membership-service" : erasedBy;
        }
    }

    private final MemberContacts members;
    private final Notifications notifications;
    private final MessageCatalog catalog;

    MembershipNotifications(MemberContacts members, Notifications notifications, MessageCatalog catalog) {
        this.members = members;
        this.notifications = notifications;
        this.catalog = catalog;
    }

    @Bean
    Consumer<Message<byte[]>> membershipEvents(InboundEvents inbound, Erasure erasure) {
        return inbound.consumer("membership-notifications")
                .on(TYPE + "application.submitted.v1", MemberWithContacts.class, (fact, event) -> {
                    record(fact, "APPLIED");
                    notifyContacts(event, fact.memberId(), "application.received", "");
                })
                .on(TYPE + "application.approved.v1", MemberFact.class, (fact, event) ->
                        changed(fact, event, "APPROVED", "application.approved"))
                .on(TYPE + "application.rejected.v1", MemberFact.class, (fact, event) ->
                        changed(fact, event, "REJECTED", "application.rejected"))
                .on(TYPE + "member.activated.v1", MemberWithContacts.class, (fact, event) -> {
                    record(fact, "ACTIVE");
                    for (Recipient contact : members.recipients(fact.memberId())) {
                        Locale locale = MessageCatalog.localeOf(contact.locale());
                        String termStart = fact.agreement() == null || fact.agreement().termStart() == null ? ""
                                : date(fact.agreement().termStart(), catalog.effectiveLocale("welcome", locale));
                        notifications.queue(event.id(), catalog.render("welcome", contact.email(), locale,
                                contact.name(), fact.institution().name(), termStart));
                    }
                })
                .on(TYPE + "member.suspended.v1", MemberFact.class, (fact, event) -> changed(fact, event, "SUSPENDED", "member.suspended"))
                .on(TYPE + "member.reinstated.v1", MemberFact.class, (fact, event) -> changed(fact, event, "ACTIVE", "member.reinstated"))
                .on(TYPE + "member.withdrawn.v1", MemberFact.class, (fact, event) -> changed(fact, event, "WITHDRAWN", "member.withdrawn"))
                .on(TYPE + "agreement.expiring.v1", MemberFact.class, (fact, event) -> changed(fact, event, null, "agreement.expiring"))
                .on(TYPE + "agreement.expired.v1", MemberFact.class, (fact, event) -> members.setStatus(fact.memberId(), "EXPIRED"))
                .on(TYPE + "agreement.renewed.v1", MemberFact.class, (fact, event) -> members.member(fact.memberId())
                        .filter(m -> m.status().equals("EXPIRED")).ifPresent(m -> members.setStatus(m.memberId(), "ACTIVE")))
                .on(TYPE + "contact.added.v1", ContactFact.class, (fact, event) -> members.saveContact(fact.memberId(), fact.contact().toContact()))
                .on(TYPE + "contact.updated.v1", ContactFact.class, (fact, event) -> members.saveContact(fact.memberId(), fact.contact().toContact()))
                .on(TYPE + "contact.removed.v1", ContactGone.class, (fact, event) -> members.removeContact(fact.contactId()))
                .on(TYPE + "contact.erased.v1", ContactErased.class, (fact, event) ->
                        erasure.eraseContact(fact.contactId(), members.removeContact(fact.contactId()), fact.erasedBy(),
                                "contact.erased " + event.id()))
                .build();
    }

    private void record(MemberWithContacts fact, String status) {
        members.saveMember(fact.memberId(), fact.institution().name(), fact.locale(), fact.timeZone(), status);
        fact.contacts().forEach(contact -> members.saveContact(fact.memberId(), contact.toContact()));
    }

    /** A status change (or none, when {@code status} is null) and its message to every contact. */
    private void changed(MemberFact fact, InboundEvent event, String status, String template) {
        if (status != null) {
            members.setStatus(fact.memberId(), status);
        }
        notifyContacts(event, fact.memberId(), template, fact.reason() == null ? "" : fact.reason(), fact.termEnd());
    }

    private void notifyContacts(InboundEvent event, UUID memberId, String template, String reason) {
        notifyContacts(event, memberId, template, reason, null);
    }

    /** {0} contact name, {1} institution, {2} a reason line, {3} a date (the agreement's end). */
    private void notifyContacts(InboundEvent event, UUID memberId, String template, String reason, LocalDate date) {
        members.member(memberId).ifPresent(member -> {
            for (Recipient contact : members.recipients(memberId)) {
                Locale locale = catalog.effectiveLocale(template, MessageCatalog.localeOf(contact.locale()));
                String reasonLine = reason.isBlank() ? "" : catalog.text("line.reason", locale, reason);
                notifications.queue(event.id(), catalog.render(template, contact.email(), locale, contact.name(),
                        member.name(), reasonLine, date == null ? "" : date(date, locale)));
            }
        });
    }

    private static String date(LocalDate date, Locale locale) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    }
}
