-- Reminders before an event, per registration with a seat. Moved when the event is rescheduled, dropped
-- when the registration or the event ends; queued as a message exactly once when due.
create table reminder (
    registration_id   uuid        not null,
    event_id          uuid        not null,
    lead              text        not null,   -- how long before the start, as an ISO-8601 duration (PT24H, PT1H)
    due_at            timestamptz not null,
    schedule_revision int         not null,
    status            text        not null,   -- PENDING, QUEUED, DROPPED
    primary key (registration_id, lead)
);
create index reminder_due on reminder (due_at) where status = 'PENDING';
create index reminder_by_event on reminder (event_id) where status = 'PENDING';
