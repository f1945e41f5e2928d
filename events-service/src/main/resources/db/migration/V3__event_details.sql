-- What organizers announce about an event, beyond its seats.
alter table event
    add column description_es         text,
    add column description_en         text,
    add column modality               text    not null default 'VIRTUAL',   -- VIRTUAL, IN_PERSON, HYBRID
    add column venue_city             text,
    add column venue_country          char(2),
    add column venue_address          text,
    add column online_link            text,                                 -- shown to confirmed attendees only
    add column registration_opens_at  timestamptz,
    add column registration_closes_at timestamptz,
    add column audience               text    not null default 'PUBLIC',    -- PUBLIC, MEMBERS_ONLY
    add column member_quota           int     check (member_quota > 0),
    add column requires_approval      boolean not null default false;
create index event_catalogue on event (status, starts_at);
