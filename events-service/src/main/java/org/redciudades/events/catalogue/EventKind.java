package org.redciudades.events.catalogue;

public enum EventKind {
    BOOTCAMP,
    WORKSHOP,
    COURSE,
    DIPLOMA,
    SITE_VISIT,
    IN_PERSON_MEETING,
    SUMMIT
}
