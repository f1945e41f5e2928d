-- Who acts for which member institution (eligibility.StaffContacts): each member contact, its institution,
-- whether it is the primary contact, and the SHA-256 of its normalized email address (never the address),
-- from membership's contact facts. A signed-in person's verified email is matched against the fingerprint;
-- the institution's status is member_eligibility's.
create table staff_contact (
    contact_id   uuid    primary key,
    member_id    uuid    not null,
    email_sha256 text    not null,
    is_primary   boolean not null
);
create index staff_contact_by_email on staff_contact (email_sha256);
create index staff_contact_by_member on staff_contact (member_id);
