package org.redciudades.membership.member;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.chassis.support.AfterCommit;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.membership.member.MemberEvent.ApplicationSubmitted;
import org.redciudades.membership.member.MemberEvent.ContactData;
import org.redciudades.membership.member.MemberEvent.InstitutionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies each lifecycle step: the new state, its audit row and its event commit together. */
@Service
public class MembershipService {

    /** The actor recorded for steps the service takes on its own, such as agreement expiry. */
    public static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(MembershipService.class);

    private final MemberRepository members;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    MembershipService(MemberRepository members, Outbox outbox, Clock clock, MeterRegistry meters) {
        this.members = members;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
        meters.counter("membership.applications");
    }

    @Transactional
    public Member apply(Member.Institution institution, String locale, String timeZone, List<Member.Contact> contacts) {
        String normalizedName = InstitutionNames.normalize(institution.name());
        List<String> emails = contacts.stream().map(Member.Contact::email).toList();
        List<String> keys = new java.util.ArrayList<>(emails.stream().map(email -> "email:" + email).toList());
        keys.add("name:" + institution.country() + ":" + normalizedName);
        members.lockApplicationKeys(keys);
        members.findDuplicate(normalizedName, institution.country(), emails).ifPresent(existing -> {
            throw new DuplicateMemberException(existing);
        });
        Member member = new Member(UUID.randomUUID(), institution, locale, timeZone, MemberStatus.SUBMITTED,
                contacts, null, clock.instant());
        members.insert(member);
        publish(new ApplicationSubmitted(member.id(), InstitutionData.of(institution), locale, timeZone,
                ContactData.of(contacts), member.submittedAt()));
        AfterCommit.increment(meters, "membership.applications");
        log.info("Application {} received", member.id());
        return member;
    }

    /** One lifecycle step: the new status, its audit row, any agreement and the event, in one transaction. */
    @Transactional
    public Member handle(UUID id, MemberCommand command, String actor) {
        Member member = members.findForUpdate(id).orElseThrow(() -> new MemberNotFoundException(id));
        apply(member, command, actor);
        return members.find(id).orElseThrow();
    }

    /**
     * Moves an active member to EXPIRING, or to EXPIRED, when its agreement's end is due on the
     * member's own calendar. Safe to run from several instances: the row lock makes the second one see
     * the status the first one left, and do nothing.
     */
    @Transactional
    public void expireIfDue(UUID id, int expiringDays) {
        Member member = members.findForUpdate(id).orElseThrow(() -> new MemberNotFoundException(id));
        if (member.agreement() == null || member.agreement().termEnd() == null) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(member.timeZone())));
        LocalDate termEnd = member.agreement().termEnd();
        Set<MemberAction> allowed = MemberLifecycle.allowed(member.status());
        if (today.isAfter(termEnd) && allowed.contains(MemberAction.EXPIRE)) {
            apply(member, new MemberCommand.Expire(), SYSTEM);
        } else if (!today.isBefore(termEnd.minusDays(expiringDays)) && allowed.contains(MemberAction.MARK_EXPIRING)) {
            apply(member, new MemberCommand.MarkExpiring(), SYSTEM);
        }
    }

    public List<MemberRepository.TransitionRecord> history(UUID id) {
        get(id);
        return members.transitions(id);
    }

    public PageQuery.Page<MemberRepository.MemberSummary> search(MemberRepository.MemberSearch filter, PageQuery page) {
        return members.search(filter, page);
    }

    public Member get(UUID id) {
        return members.find(id).orElseThrow(() -> new MemberNotFoundException(id));
    }

    private void apply(Member member, MemberCommand command, String actor) {
        Instant now = clock.instant();
        MemberLifecycle.Transition transition = MemberLifecycle.decide(member, command, now, actor);
        members.updateStatus(member.id(), member.status(), transition.to(), actor, command.reason(), now);
        switch (command) {
            case MemberCommand.RecordAgreement record -> members.insertAgreement(member.id(), record.agreement());
            case MemberCommand.Renew renew -> members.insertAgreement(member.id(), renew.agreement());
            default -> { }
        }
        transition.event().ifPresent(this::publish);
        log.info("Member {}: {} -> {} by {}", member.id(), member.status(), transition.to(), actor);
        AfterCommit.increment(meters, "membership.transitions",
                "from", member.status().name(), "to", transition.to().name());
    }

    private void publish(MemberEvent event) {
        outbox.append(MemberEvent.TOPIC, event.memberId().toString(), event);
    }
}
