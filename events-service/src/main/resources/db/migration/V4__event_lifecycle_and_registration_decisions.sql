-- Seats are held by CONFIRMED registrations and by those PENDING_APPROVAL (a seat is kept for each
-- person an organizer has yet to decide on), so the counter is renamed to say what it counts.
alter table event rename column confirmed to seats_taken;

alter table event
    -- Attendees may cancel their own registration until then; null: until the event starts.
    add column cancellation_deadline timestamptz,
    -- Starts at 0 and grows with each reschedule; calendars use it as the invitation's SEQUENCE.
    add column schedule_revision     int  not null default 0,
    add column cancellation_reason   text;

alter table registration
    add column registered_by text,          -- token subject of the person who registered
    add column attended_at   timestamptz;   -- check-in, recorded by an organizer

-- Per-institution quota and withdrawal look registrations up by institution.
create index registration_by_member on registration (member_id, event_id) where member_id is not null;

-- Fingerprints of member contacts' email addresses, from membership's contact facts, so that a
-- contact.erased (which carries no personal data) can find the registrations to scrub. Only a SHA-256
-- of the lower-cased address is kept here, never the address.
create table contact_fingerprint (
    contact_id   uuid not null,
    email_sha256 text not null,
    primary key (contact_id, email_sha256)
);
