create table member (
    id           uuid        primary key,
    name         text        not null,
    kind         text        not null,
    country      char(2)     not null,
    region       text        not null,
    city         text        not null,
    website      text,
    locale       text        not null,
    time_zone    text        not null,
    status       text        not null,
    submitted_at timestamptz not null
);

create table contact (
    id         uuid    primary key,
    member_id  uuid    not null references member (id),
    name       text    not null,
    email      text    not null,
    title      text,
    locale     text    not null,
    is_primary boolean not null
);
create index contact_member on contact (member_id);

create table agreement (
    id                 uuid primary key,
    member_id          uuid not null references member (id),
    signed_on          date not null,
    term_start         date not null,
    term_end           date,
    document_reference text not null,
    member_signatory   text not null,
    network_signatory  text not null
);
create index agreement_member on agreement (member_id);

-- One row per lifecycle step: who, when, why.
create table member_transition (
    id          bigserial   primary key,
    member_id   uuid        not null references member (id),
    from_status text        not null,
    to_status   text        not null,
    actor       text        not null,
    reason      text,
    occurred_at timestamptz not null
);
create index member_transition_member on member_transition (member_id);
