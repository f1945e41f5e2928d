-- The trace of the fact that caused each message, so that sending it (and its delivery outcome)
-- continues that trace.
alter table notification add column traceparent text;
