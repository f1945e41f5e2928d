-- The in-app inbox: every message queued for a person also appears here, to list and mark read.
create table inbox_item (
    notification_id uuid        primary key references notification (id),
    recipient       text        not null,   -- lower-cased email: the person, as the token's email claim names them
    template        text        not null,
    subject         text        not null,
    body_text       text        not null,
    created_at      timestamptz not null,
    read_at         timestamptz
);
create index inbox_by_recipient on inbox_item (recipient, created_at desc);

-- What a person has opted out of. Transactional messages (confirmations, cancellations) are always sent.
create table preference (
    email         text        primary key,   -- lower-cased
    announcements boolean     not null,
    reminders     boolean     not null,
    updated_at    timestamptz not null
);

-- The one-click unsubscribe URL (RFC 8058) of a message, sent as List-Unsubscribe.
alter table notification add column list_unsubscribe text;
