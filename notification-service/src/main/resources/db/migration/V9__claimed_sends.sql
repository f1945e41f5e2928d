-- A message is claimed before it is sent: attempts counts the attempt, sending_since says when it began, and
-- next_attempt_at moves to the end of the claim's lease, so no other instance takes it meanwhile. Recording the
-- outcome clears sending_since. A message found due with sending_since still set was being sent by an instance
-- that stopped before recording the outcome: it may have reached the server, and is sent again with the same
-- Message-ID.
alter table notification add column sending_since timestamptz;
