package org.redciudades.notification.events;

import java.util.function.Consumer;
import org.redciudades.chassis.envelope.InboundEvent;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.notification.events.EventFacts.EventAnnounced;
import org.redciudades.notification.membership.MemberContacts;
import org.redciudades.notification.preferences.Preferences;
import org.redciudades.notification.preferences.UnsubscribeLinks;
import org.redciudades.notification.events.EventFacts.EventCancelled;
import org.redciudades.notification.events.EventFacts.EventRescheduled;
import org.redciudades.notification.events.EventFacts.RegistrationFact;
import org.redciudades.notification.events.Registrants.EventDetail;
import org.redciudades.notification.events.Registrants.Registrant;
import org.redciudades.notification.events.Registrants.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Messages caused by events-service's facts: an announcement to the contacts of active members who have
 * not opted out, each registration outcome to its person, and a reschedule or cancellation to everyone
 * still registered. A seat comes with a calendar invitation whose UID is
 * the registration's, which later messages update or cancel. Each message is queued in the transaction
 * that records the fact as processed, once per (fact, recipient, template).
 */
@Configuration
class EventNotifications {

    private static final String TYPE = "org.redciudades.events.";

    private final Registrants registrants;
    private final EventMessages messages;
    private final Reminders reminders;
    private final MemberContacts contacts;
    private final Preferences preferences;
    private final UnsubscribeLinks links;
    private final PortalLinks portal;

    EventNotifications(Registrants registrants, EventMessages messages, Reminders reminders, MemberContacts contacts,
                       Preferences preferences, UnsubscribeLinks links, PortalLinks portal) {
        this.registrants = registrants;
        this.messages = messages;
        this.reminders = reminders;
        this.contacts = contacts;
        this.preferences = preferences;
        this.links = links;
        this.portal = portal;
    }

    @Bean
    Consumer<Message<byte[]>> eventsEvents(InboundEvents inbound) {
        return inbound.consumer("event-notifications")
                .on(TYPE + "event.announced.v1", EventAnnounced.class, this::announced)
                .on(TYPE + "registration.confirmed.v1", RegistrationFact.class, (fact, event) -> seat(fact, event, "registration.confirmed"))
                .on(TYPE + "registration.promoted.v1", RegistrationFact.class, (fact, event) -> seat(fact, event, "registration.promoted"))
                .on(TYPE + "registration.approved.v1", RegistrationFact.class, (fact, event) -> seat(fact, event, "registration.approved"))
                .on(TYPE + "registration.waitlisted.v1", RegistrationFact.class, (fact, event) ->
                        waiting(fact, event, Status.WAITLISTED, "registration.waitlisted"))
                .on(TYPE + "registration.pending-approval.v1", RegistrationFact.class, (fact, event) ->
                        waiting(fact, event, Status.PENDING_APPROVAL, "registration.pending-approval"))
                .on(TYPE + "registration.rejected.v1", RegistrationFact.class, (fact, event) -> ended(fact, event, "registration.rejected"))
                .on(TYPE + "registration.cancelled.v1", RegistrationFact.class, (fact, event) -> ended(fact, event, "registration.cancelled"))
                .on(TYPE + "event.rescheduled.v1", EventRescheduled.class, this::rescheduled)
                .on(TYPE + "event.cancelled.v1", EventCancelled.class, this::cancelled)
                .build();
    }

    /**
     * To the contacts of every active member, except those who opted out of announcements. The body links
     * to the portal's unsubscribe page; the List-Unsubscribe header to this service's one-click URL.
     */
    private void announced(EventAnnounced fact, InboundEvent event) {
        EventDetail detail = new EventDetail(fact.eventId(), fact.event().title(), fact.event().schedule(),
                fact.event().modality(), fact.event().venue());
        registrants.describe(detail);
        for (MemberContacts.Recipient contact : contacts.ofActiveMembers()) {
            if (preferences.allows(contact.email(), Preferences.Category.ANNOUNCEMENTS)) {
                UnsubscribeLinks.Signed link = links.sign(contact.email(), Preferences.Category.ANNOUNCEMENTS);
                messages.announce(event.id(), contact.email(), contact.name(), contact.locale(), detail,
                        portal.unsubscribe(link), links.oneClick(link));
            }
        }
    }

    /**
     * Confirmed, promoted or approved: a seat, with the online link and a calendar invitation; at an event
     * with a venue, the registration code and its QR code for check-in at the door.
     */
    private void seat(RegistrationFact fact, InboundEvent event, String template) {
        EventDetail detail = describe(fact);
        registrants.record(fact, Status.CONFIRMED);
        Registrant person = registrant(fact, Status.CONFIRMED);
        EventMessages.CheckIn checkIn = "VIRTUAL".equals(detail.modality()) ? null
                : new EventMessages.CheckIn(PortalLinks.registrationCode(fact.registrationId()),
                portal.checkIn(fact.registrationId()));
        messages.send(event.id(), template, person, detail, messages.linkLine(person, template), manageLink(fact),
                checkIn, messages.request(person, detail));
        registrants.markInvited(fact.registrationId());
        reminders.plan(fact.registrationId(), fact.eventId(), detail.schedule().startsAt(), detail.schedule().revision());
    }

    private void waiting(RegistrationFact fact, InboundEvent event, Status status, String template) {
        EventDetail detail = describe(fact);
        registrants.record(fact, status);
        messages.send(event.id(), template, registrant(fact, status), detail, "", manageLink(fact), null);
    }

    /** Rejected or cancelled: the calendar entry, if the person had one, is cancelled too. */
    private void ended(RegistrationFact fact, InboundEvent event, String template) {
        EventDetail detail = describe(fact);
        boolean invited = registrants.end(fact.registrationId());
        registrants.record(fact, Status.ENDED);
        reminders.dropForRegistration(fact.registrationId());
        Registrant person = registrant(fact, Status.ENDED);
        messages.send(event.id(), template, person, detail, messages.reasonLine(person, template, fact.reason()),
                invited ? messages.cancel(person, detail) : null);
    }

    private void rescheduled(EventRescheduled fact, InboundEvent event) {
        EventDetail detail = registrants.event(fact.eventId())
                .map(known -> new EventDetail(fact.eventId(), fact.title(), fact.schedule(), known.modality(), known.venue()))
                .orElse(new EventDetail(fact.eventId(), fact.title(), fact.schedule(), null, null));
        registrants.describe(detail);
        reminders.reschedule(fact.eventId(), fact.schedule().startsAt(), fact.schedule().revision());
        for (Registrant person : registrants.active(fact.eventId())) {
            String previous = fact.previous() == null ? "" : messages.when(fact.previous(), person, "event.rescheduled");
            messages.send(event.id(), "event.rescheduled", person, detail, previous,
                    person.invited() ? messages.request(person, detail) : null);
        }
    }

    private void cancelled(EventCancelled fact, InboundEvent event) {
        EventDetail detail = registrants.event(fact.eventId())
                .orElse(new EventDetail(fact.eventId(), fact.title(), fact.schedule(), null, null));
        registrants.markCancelled(fact.eventId());
        reminders.dropForEvent(fact.eventId());
        for (Registrant person : registrants.active(fact.eventId())) {
            registrants.end(person.registrationId());
            messages.send(event.id(), "event.cancelled", person, detail,
                    messages.reasonLine(person, "event.cancelled", fact.reason()),
                    person.invited() ? messages.cancel(person, detail) : null);
        }
    }


    /**
     * The link to the portal's page of the registration, when the fact carries its token: for someone who
     * registered without an account, whose only way back to it is this link. The token is not kept here.
     */
    private String manageLink(RegistrationFact fact) {
        String token = fact.attendee().manageToken();
        return token == null || token.isBlank() ? null : portal.manageRegistration(fact.registrationId(), token);
    }

    private EventDetail describe(RegistrationFact fact) {
        EventDetail detail = new EventDetail(fact.eventId(), fact.event().title(), fact.event().schedule(),
                fact.event().modality(), fact.event().venue());
        registrants.describe(detail);
        return detail;
    }

    private static Registrant registrant(RegistrationFact fact, Status status) {
        return new Registrant(fact.registrationId(), fact.eventId(), fact.attendee().email(),
                fact.attendee().name() == null ? "" : fact.attendee().name(),
                fact.attendee().locale(), status, fact.event().onlineLink(), false);
    }
}
