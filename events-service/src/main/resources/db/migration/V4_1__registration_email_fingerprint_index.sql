-- Erasure finds a person's registrations by the fingerprint of their email (registration.RegistrantErasure):
-- the SHA-256 of the address, which registrations keep stripped and lower-cased. An index needs an
-- IMMUTABLE expression and convert_to is only STABLE, hence this function, which fixes the encoding (UTF-8)
-- and so always gives the same answer; queries must call it to use the index.
-- (Version 4.1: spring.flyway.out-of-order lets it run after any later version.)
create function email_fingerprint(email text) returns text
    language sql immutable strict parallel safe
    return encode(sha256(convert_to(email, 'UTF8')), 'hex');

create index registration_by_email_fingerprint on registration (email_fingerprint(email));
