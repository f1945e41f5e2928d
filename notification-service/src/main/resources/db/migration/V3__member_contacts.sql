-- Member institutions and their contacts, from membership facts only: whom to write to about a member.
create table member (
    member_id uuid primary key,
    name      text not null,
    locale    text not null,
    time_zone text not null,
    status    text not null   -- APPLIED, APPROVED, ACTIVE, SUSPENDED, EXPIRED, WITHDRAWN, REJECTED
);

create table member_contact (
    contact_id uuid primary key,
    member_id  uuid    not null references member (member_id),
    name       text    not null,
    email      text    not null,
    locale     text,             -- null: the institution's
    is_primary boolean not null
);
create index member_contact_by_member on member_contact (member_id);
