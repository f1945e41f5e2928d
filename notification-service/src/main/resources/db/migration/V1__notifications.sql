-- The delivery log: one row per message, at most one per (source event, recipient, template).
create table notification (
    id              uuid        primary key,
    source_event_id text        not null,
    recipient       text        not null,
    template        text        not null,
    locale          text        not null,
    subject         text        not null,
    body_text       text        not null,
    body_html       text        not null,
    status          text        not null,   -- PENDING, SENT, FAILED
    attempts        int         not null,
    last_error      text,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    sent_at         timestamptz,
    unique (source_event_id, recipient, template)
);
create index notification_due on notification (next_attempt_at) where status = 'PENDING';
