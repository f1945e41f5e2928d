-- A message that gives a seat at an event with a venue carries a QR code for check-in at the door: the text it
-- encodes (the portal's check-in address of the registration); the image is drawn when the message is sent.
alter table notification add column qr_code text;
