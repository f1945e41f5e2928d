-- Every address each member contact has had (lower-cased), so that erasing the contact also reaches the
-- messages sent to an address they had before a contact.updated (privacy.Erasure).
-- (Version 6.1: spring.flyway.out-of-order lets it run after any later version.)
create table member_contact_address (
    contact_id uuid not null,
    email      text not null,
    primary key (contact_id, email)
);
insert into member_contact_address (contact_id, email) select contact_id, lower(email) from member_contact;

-- Erasure, and the delivery log's filter by recipient, look people up by address.
create index notification_by_recipient on notification (lower(recipient));
create index registrant_by_email on registrant (lower(email));
create index member_contact_by_email on member_contact (lower(email));
