package org.redciudades.portal.organizer.members;

import java.util.List;

/**
 * The steps an organizer takes on a member, as membership-service names them: the path of its POST, the action its
 * lifecycle allows or refuses ({@code allowedActions}), and what the step asks for. The application's steps come
 * first, then the member's.
 */
enum MemberStep {

    REVIEW("review", "START_REVIEW", Needs.NOTHING),
    APPROVAL("approval", "APPROVE", Needs.NOTHING),
    REJECTION("rejection", "REJECT", Needs.REASON),
    AGREEMENT("agreement", "RECORD_AGREEMENT", Needs.AGREEMENT),
    SUSPENSION("suspension", "SUSPEND", Needs.REASON),
    REINSTATEMENT("reinstatement", "REINSTATE", Needs.OPTIONAL_REASON),
    WITHDRAWAL("withdrawal", "WITHDRAW", Needs.OPTIONAL_REASON),
    RENEWAL("renewal", "RENEW", Needs.AGREEMENT);

    /** What a step's form asks for. */
    enum Needs { NOTHING, REASON, OPTIONAL_REASON, AGREEMENT }

    static final List<MemberStep> APPLICATION = List.of(REVIEW, APPROVAL, REJECTION, AGREEMENT);
    static final List<MemberStep> MEMBER = List.of(SUSPENSION, REINSTATEMENT, WITHDRAWAL, RENEWAL);

    private final String path;
    private final String action;
    private final Needs needs;

    MemberStep(String path, String action, Needs needs) {
        this.path = path;
        this.action = action;
        this.needs = needs;
    }

    /** The last segment of its address, at membership-service and in the portal: {@code suspension}. */
    public String path() {
        return path;
    }

    /** The lifecycle's name for it: {@code SUSPEND}. */
    public String action() {
        return action;
    }

    public Needs needs() {
        return needs;
    }

    /** Whether its form asks for a reason, required or not. */
    public boolean reason() {
        return needs == Needs.REASON || needs == Needs.OPTIONAL_REASON;
    }

    public boolean reasonRequired() {
        return needs == Needs.REASON;
    }

    /** Whether it has a page of its own (a form), rather than a button on the member's page. */
    public boolean hasForm() {
        return needs != Needs.NOTHING;
    }
}
