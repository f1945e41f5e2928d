package org.redciudades.membership.member;

/** What someone (or the expiry job) asks of a member; {@link MemberLifecycle} decides what follows. */
public sealed interface MemberCommand {

    MemberAction action();

    /** Why, for the audit trail; null where none is asked for. */
    default String reason() {
        return null;
    }

    record StartReview() implements MemberCommand {
        public MemberAction action() {
            return MemberAction.START_REVIEW;
        }
    }

    record Approve() implements MemberCommand {
        public MemberAction action() {
            return MemberAction.APPROVE;
        }
    }

    record Reject(String reason) implements MemberCommand {
        public MemberAction action() {
            return MemberAction.REJECT;
        }
    }

    record RecordAgreement(Member.Agreement agreement) implements MemberCommand {
        public MemberAction action() {
            return MemberAction.RECORD_AGREEMENT;
        }

        public String reason() {
            return agreement.documentReference();
        }
    }

    record Suspend(String reason) implements MemberCommand {
        public MemberAction action() {
            return MemberAction.SUSPEND;
        }
    }

    record Reinstate(String reason) implements MemberCommand {
        public MemberAction action() {
            return MemberAction.REINSTATE;
        }
    }

    record Withdraw(String reason) implements MemberCommand {
        public MemberAction action() {
            return MemberAction.WITHDRAW;
        }
    }

    record MarkExpiring() implements MemberCommand {
        public MemberAction action() {
            return MemberAction.MARK_EXPIRING;
        }
    }

    record Expire() implements MemberCommand {
        public MemberAction action() {
            return MemberAction.EXPIRE;
        }
    }

    record Renew(Member.Agreement agreement) implements MemberCommand {
        public MemberAction action() {
            return MemberAction.RENEW;
        }

        public String reason() {
            return agreement.documentReference();
        }
    }
}
