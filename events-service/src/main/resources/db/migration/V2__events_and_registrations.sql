-- Events that organizers announce, and the people who register for them.
create table event (
    id                     uuid        primary key,
    type                   text        not null,
    title_es               text        not null,
    title_en               text,
    time_zone              text        not null,
    starts_at              timestamptz not null,
    ends_at                timestamptz not null,
    capacity               int         not null check (capacity >= 0),
    -- Seats taken by CONFIRMED registrations. Only ever changed together with a registration's status,
    -- by a conditional update, so it never exceeds capacity.
    confirmed              int         not null default 0 check (confirmed >= 0),
    waitlist_enabled       boolean     not null,
    status                 text        not null,
    created_at             timestamptz not null,
    check (ends_at > starts_at)
);

create table registration (
    id         uuid        primary key,
    event_id   uuid        not null references event (id),
    email      text        not null,
    name       text        not null,
    locale     text        not null,
    member_id  uuid,
    status     text        not null,   -- CONFIRMED, WAITLISTED, CANCELLED
    position   bigserial   not null,   -- arrival order: the waiting list is served oldest first
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (event_id, email)
);
create index registration_waitlist on registration (event_id, position) where status = 'WAITLISTED';
