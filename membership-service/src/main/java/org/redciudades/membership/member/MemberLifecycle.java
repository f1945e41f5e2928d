package org.redciudades.membership.member;

import static org.redciudades.membership.member.MemberAction.APPROVE;
import static org.redciudades.membership.member.MemberAction.EXPIRE;
import static org.redciudades.membership.member.MemberAction.MARK_EXPIRING;
import static org.redciudades.membership.member.MemberAction.RECORD_AGREEMENT;
import static org.redciudades.membership.member.MemberAction.REINSTATE;
import static org.redciudades.membership.member.MemberAction.REJECT;
import static org.redciudades.membership.member.MemberAction.RENEW;
import static org.redciudades.membership.member.MemberAction.START_REVIEW;
import static org.redciudades.membership.member.MemberAction.SUSPEND;
import static org.redciudades.membership.member.MemberAction.WITHDRAW;
import static org.redciudades.membership.member.MemberStatus.ACTIVE;
import static org.redciudades.membership.member.MemberStatus.APPROVED;
import static org.redciudades.membership.member.MemberStatus.EXPIRED;
import static org.redciudades.membership.member.MemberStatus.EXPIRING;
import static org.redciudades.membership.member.MemberStatus.REJECTED;
import static org.redciudades.membership.member.MemberStatus.SUBMITTED;
import static org.redciudades.membership.member.MemberStatus.SUSPENDED;
import static org.redciudades.membership.member.MemberStatus.UNDER_REVIEW;
import static org.redciudades.membership.member.MemberStatus.WITHDRAWN;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redciudades.membership.member.MemberCommand.Approve;
import org.redciudades.membership.member.MemberCommand.Expire;
import org.redciudades.membership.member.MemberCommand.MarkExpiring;
import org.redciudades.membership.member.MemberCommand.RecordAgreement;
import org.redciudades.membership.member.MemberCommand.Reinstate;
import org.redciudades.membership.member.MemberCommand.Reject;
import org.redciudades.membership.member.MemberCommand.Renew;
import org.redciudades.membership.member.MemberCommand.StartReview;
import org.redciudades.membership.member.MemberCommand.Suspend;
import org.redciudades.membership.member.MemberCommand.Withdraw;
import org.redciudades.membership.member.MemberEvent.AgreementData;
import org.redciudades.membership.member.MemberEvent.AgreementExpired;
import org.redciudades.membership.member.MemberEvent.AgreementExpiring;
import org.redciudades.membership.member.MemberEvent.AgreementRenewed;
import org.redciudades.membership.member.MemberEvent.ApplicationApproved;
import org.redciudades.membership.member.MemberEvent.ApplicationRejected;
import org.redciudades.membership.member.MemberEvent.ContactData;
import org.redciudades.membership.member.MemberEvent.InstitutionData;
import org.redciudades.membership.member.MemberEvent.MemberActivated;
import org.redciudades.membership.member.MemberEvent.MemberReinstated;
import org.redciudades.membership.member.MemberEvent.MemberSuspended;
import org.redciudades.membership.member.MemberEvent.MemberWithdrawn;

/**
 * The member lifecycle, in one place: which action moves which status where, and which event each
 * step publishes. Every change of status goes through {@link #decide}, so an invalid step is refused
 * the same way wherever it comes from.
 */
public final class MemberLifecycle {

    private static final Map<MemberStatus, Map<MemberAction, MemberStatus>> TRANSITIONS = new EnumMap<>(Map.of(
            SUBMITTED, Map.of(START_REVIEW, UNDER_REVIEW, APPROVE, APPROVED, REJECT, REJECTED),
            UNDER_REVIEW, Map.of(APPROVE, APPROVED, REJECT, REJECTED),
            APPROVED, Map.of(RECORD_AGREEMENT, ACTIVE),
            REJECTED, Map.of(),
            ACTIVE, Map.of(SUSPEND, SUSPENDED, WITHDRAW, WITHDRAWN, MARK_EXPIRING, EXPIRING, EXPIRE, EXPIRED, RENEW, ACTIVE),
            SUSPENDED, Map.of(REINSTATE, ACTIVE, WITHDRAW, WITHDRAWN),
            EXPIRING, Map.of(SUSPEND, SUSPENDED, WITHDRAW, WITHDRAWN, EXPIRE, EXPIRED, RENEW, ACTIVE),
            EXPIRED, Map.of(RENEW, ACTIVE, WITHDRAW, WITHDRAWN),
            WITHDRAWN, Map.of()));

    /** The new status and the event the step publishes (none for starting a review, an internal step). */
    public record Transition(MemberStatus to, Optional<MemberEvent> event) {
    }

    private MemberLifecycle() {
    }

    public static MemberStatus next(MemberStatus current, MemberAction action) {
        MemberStatus next = TRANSITIONS.get(current).get(action);
        if (next == null) {
            throw new InvalidTransitionException(current, action, allowed(current));
        }
        return next;
    }

    /** The actions the status allows, in the order of {@link MemberAction}. */
    public static Set<MemberAction> allowed(MemberStatus current) {
        Set<MemberAction> allowed = EnumSet.noneOf(MemberAction.class);
        allowed.addAll(TRANSITIONS.get(current).keySet());
        return allowed;
    }

    public static Transition decide(Member member, MemberCommand command, Instant at, String actor) {
        MemberStatus to = next(member.status(), command.action());
        String name = member.institution().name();
        String locale = member.locale();
        String zone = member.timeZone();
        MemberEvent event = switch (command) {
            case StartReview ignored -> null;
            case Approve ignored -> new ApplicationApproved(member.id(), name, locale, zone, at, actor);
            case Reject reject -> new ApplicationRejected(member.id(), name, locale, zone, reject.reason(), at, actor);
            case RecordAgreement record -> new MemberActivated(member.id(), InstitutionData.of(member.institution()),
                    locale, zone, AgreementData.of(record.agreement()), ContactData.of(member.contacts()), at);
            case Suspend suspend -> new MemberSuspended(member.id(), name, locale, zone, suspend.reason(), at, actor);
            case Reinstate reinstate -> new MemberReinstated(member.id(), name, locale, zone, reinstate.reason(), at, actor);
            case Withdraw withdraw -> new MemberWithdrawn(member.id(), name, locale, zone, withdraw.reason(), at, actor);
            case MarkExpiring ignored -> new AgreementExpiring(member.id(), name, locale, zone,
                    member.agreement().id(), member.agreement().termEnd(), at);
            case Expire ignored -> new AgreementExpired(member.id(), name, locale, zone,
                    member.agreement().id(), member.agreement().termEnd(), at);
            case Renew renew -> new AgreementRenewed(member.id(), name, locale, zone,
                    AgreementData.of(renew.agreement()), at, actor);
        };
        return new Transition(to, Optional.ofNullable(event));
    }
}
