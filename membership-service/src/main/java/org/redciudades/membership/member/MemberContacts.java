package org.redciudades.membership.member;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.chassis.web.ProblemException;
import org.redciudades.membership.member.MemberEvent.ContactAdded;
import org.redciudades.membership.member.MemberEvent.ContactData;
import org.redciudades.membership.member.MemberEvent.ContactErased;
import org.redciudades.membership.member.MemberEvent.ContactRemoved;
import org.redciudades.membership.member.MemberEvent.ContactUpdated;
import org.redciudades.membership.member.MemberEvent.InstitutionData;
import org.redciudades.membership.member.MemberEvent.ProfileUpdated;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's contacts and profile. A member always keeps one primary contact: naming a new primary
 * demotes the old one (published as its own update), and the last primary cannot be demoted or
 * removed. Erasure is the exception: the law comes first, even if it leaves no primary contact.
 */
@Service
public class MemberContacts {

    private static final Set<MemberStatus> CLOSED = Set.of(MemberStatus.REJECTED, MemberStatus.WITHDRAWN);

    private final MemberRepository members;
    private final Outbox outbox;
    private final Clock clock;

    MemberContacts(MemberRepository members, Outbox outbox, Clock clock) {
        this.members = members;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Member add(UUID memberId, Member.Contact contact, String actor) {
        Member member = open(memberId);
        if (member.contacts().stream().anyMatch(c -> c.email().equals(contact.email()))) {
            throw new ProblemException(HttpStatus.CONFLICT, "duplicate-contact", contact.email()).with("field", "email");
        }
        Instant now = clock.instant();
        if (contact.primary()) {
            demotePrimaries(member, contact.id(), now, actor);
        }
        members.insertContact(memberId, contact);
        publish(new ContactAdded(memberId, ContactData.of(contact), now, actor));
        return members.find(memberId).orElseThrow();
    }

    @Transactional
    public Member update(UUID memberId, Member.Contact contact, String actor) {
        Member member = open(memberId);
        Member.Contact current = contact(member, contact.id());
        if (current.primary() && !contact.primary()) {
            throw new ProblemException(HttpStatus.CONFLICT, "primary-contact-required");
        }
        if (member.contacts().stream().anyMatch(c -> !c.id().equals(contact.id()) && c.email().equals(contact.email()))) {
            throw new ProblemException(HttpStatus.CONFLICT, "duplicate-contact", contact.email()).with("field", "email");
        }
        Instant now = clock.instant();
        if (contact.primary() && !current.primary()) {
            demotePrimaries(member, contact.id(), now, actor);
        }
        members.updateContact(memberId, contact);
        publish(new ContactUpdated(memberId, ContactData.of(contact), now, actor));
        return members.find(memberId).orElseThrow();
    }

    @Transactional
    public void remove(UUID memberId, UUID contactId, String actor) {
        Member member = open(memberId);
        if (contact(member, contactId).primary()) {
            throw new ProblemException(HttpStatus.CONFLICT, "primary-contact-required");
        }
        members.deleteContact(memberId, contactId);
        publish(new ContactRemoved(memberId, contactId, clock.instant(), actor));
    }

    /** Right to erasure: the personal data goes here, and the event tells the other services to erase theirs. */
    @Transactional
    public void erase(UUID memberId, UUID contactId, String actor) {
        Member member = members.findForUpdate(memberId).orElseThrow(() -> new MemberNotFoundException(memberId));
        contact(member, contactId);
        Instant now = clock.instant();
        members.eraseContact(memberId, contactId, now);
        publish(new ContactErased(memberId, contactId, now, actor));
    }

    @Transactional
    public Member updateProfile(UUID memberId, Member.Institution institution, String locale, String timeZone,
                                String actor) {
        open(memberId);
        members.updateProfile(memberId, institution, locale, timeZone);
        publish(new ProfileUpdated(memberId, InstitutionData.of(institution), locale, timeZone, clock.instant(), actor));
        return members.find(memberId).orElseThrow();
    }

    private void demotePrimaries(Member member, UUID except, Instant now, String actor) {
        for (Member.Contact other : member.contacts()) {
            if (other.primary() && !other.id().equals(except)) {
                Member.Contact demoted = new Member.Contact(other.id(), other.name(), other.email(), other.title(),
                        other.locale(), false);
                members.updateContact(member.id(), demoted);
                publish(new ContactUpdated(member.id(), ContactData.of(demoted), now, actor));
            }
        }
    }

    private Member open(UUID memberId) {
        Member member = members.findForUpdate(memberId).orElseThrow(() -> new MemberNotFoundException(memberId));
        if (CLOSED.contains(member.status())) {
            throw new ProblemException(HttpStatus.CONFLICT, "member-closed", member.status())
                    .with("currentStatus", member.status());
        }
        return member;
    }

    private static Member.Contact contact(Member member, UUID contactId) {
        List<Member.Contact> contacts = member.contacts();
        return contacts.stream().filter(c -> c.id().equals(contactId)).findFirst()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "contact-not-found", contactId));
    }

    private void publish(MemberEvent event) {
        outbox.append(MemberEvent.TOPIC, event.memberId().toString(), event);
    }
}
