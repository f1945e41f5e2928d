-- Responses to POST requests sent with an Idempotency-Key, replayed on retries.
create table idempotency_key (
    caller        text        not null,   -- the token's subject, or 'anonymous'
    key           text        not null,
    request_hash  bytea       not null,   -- SHA-256 of method, path and body
    status        int,                    -- null while the first request runs
    content_type  text,
    location      text,
    response_body bytea,
    created_at    timestamptz not null,
    completed_at  timestamptz,
    primary key (caller, key)
);
