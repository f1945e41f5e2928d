package org.redciudades.portal.organizer.members;

/** A step's reason, as the organizer types it: required to reject or suspend, optional to reinstate or withdraw. */
record ReasonForm(String reason) {

    static final int MAX_LENGTH = 1000;

    static ReasonForm empty() {
        return new ReasonForm("");
    }

    /** The reason without surrounding spaces; null when there is none. */
    String stripped() {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }
}
