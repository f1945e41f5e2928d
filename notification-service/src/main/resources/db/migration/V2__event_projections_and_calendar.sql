-- What messages about events need, built only from events-service's facts (topic events.event).
create table event_detail (
    event_id          uuid        primary key,
    title_es          text        not null,
    title_en          text,
    starts_at         timestamptz not null,
    ends_at           timestamptz not null,
    time_zone         text        not null,
    schedule_revision int         not null,
    modality          text,
    venue_city        text,
    venue_country     char(2),
    venue_address     text,
    cancelled         boolean     not null default false
);

-- Registrants as this service knows them: enough to write to them when their event moves or ends.
create table registrant (
    registration_id uuid        primary key,
    event_id        uuid        not null,
    email           text        not null,
    name            text        not null,
    locale          text        not null,
    status          text        not null,   -- CONFIRMED, PENDING_APPROVAL, WAITLISTED, ENDED
    online_link     text,                   -- known once they hold a confirmed seat
    invited         boolean     not null default false,   -- has a calendar invitation to update or cancel
    updated_at      timestamptz not null
);
create index registrant_by_event on registrant (event_id) where status <> 'ENDED';

-- An iCalendar invitation sent with the email, if any.
alter table notification add column calendar text;
