-- Projection of membership events: which member institutions are eligible for members-only events.
create table member_eligibility (
    member_id uuid        primary key,
    name      text        not null,
    country   char(2)     not null,
    status    text        not null,
    since     timestamptz not null
);
