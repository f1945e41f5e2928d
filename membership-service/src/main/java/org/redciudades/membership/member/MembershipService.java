package org.redciudades.membership.member;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.membership.member.MemberEvent.AgreementData;
import org.redciudades.membership.member.MemberEvent.ApplicationApproved;
import org.redciudades.membership.member.MemberEvent.ApplicationSubmitted;
import org.redciudades.membership.member.MemberEvent.ContactData;
import org.redciudades.membership.member.MemberEvent.InstitutionData;
import org.redciudades.membership.member.MemberEvent.MemberActivated;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies each lifecycle step: the new state, its audit row and its event commit together. */
@Service
public class MembershipService {

    private final MemberRepository members;
    private final Outbox outbox;
    private final Clock clock;

    MembershipService(MemberRepository members, Outbox outbox, Clock clock) {
        this.members = members;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Member apply(Member.Institution institution, String locale, String timeZone, java.util.List<Member.Contact> contacts) {
        Member member = new Member(UUID.randomUUID(), institution, locale, timeZone, MemberStatus.SUBMITTED,
                contacts, null, clock.instant());
        members.insert(member);
        publish(new ApplicationSubmitted(member.id(), InstitutionData.of(institution), locale, timeZone,
                ContactData.of(contacts), member.submittedAt()));
        return member;
    }

    @Transactional
    public Member approve(UUID id, String actor) {
        Member member = members.findForUpdate(id).orElseThrow(() -> new MemberNotFoundException(id));
        Instant now = transition(member, MemberAction.APPROVE, actor, null);
        publish(new ApplicationApproved(id, member.institution().name(), member.locale(), member.timeZone(), now, actor));
        return members.find(id).orElseThrow();
    }

    @Transactional
    public Member recordAgreement(UUID id, Member.Agreement agreement, String actor) {
        Member member = members.findForUpdate(id).orElseThrow(() -> new MemberNotFoundException(id));
        Instant now = transition(member, MemberAction.RECORD_AGREEMENT, actor, agreement.documentReference());
        members.insertAgreement(id, agreement);
        publish(new MemberActivated(id, InstitutionData.of(member.institution()), member.locale(), member.timeZone(),
                AgreementData.of(agreement), ContactData.of(member.contacts()), now));
        return members.find(id).orElseThrow();
    }

    public Member get(UUID id) {
        return members.find(id).orElseThrow(() -> new MemberNotFoundException(id));
    }

    private Instant transition(Member member, MemberAction action, String actor, String reason) {
        MemberStatus next = MemberLifecycle.next(member.status(), action);
        Instant now = clock.instant();
        members.updateStatus(member.id(), member.status(), next, actor, reason, now);
        return now;
    }

    private void publish(MemberEvent event) {
        outbox.append(MemberEvent.TOPIC, event.memberId().toString(), event);
    }
}
