-- The institution name as compared for duplicates: lower case, no accents, single spaces.
-- The service computes it; rows from before this migration get an approximation.
alter table member add column normalized_name text;
update member set normalized_name = lower(regexp_replace(name, '\s+', ' ', 'g'));
alter table member alter column normalized_name set not null;
create index member_normalized_name on member (normalized_name, country);
create index contact_email on contact (email);
