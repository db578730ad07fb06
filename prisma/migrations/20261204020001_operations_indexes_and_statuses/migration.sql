-- One active occurrence per alarm fingerprint, so that concurrent firings count on one row
CREATE UNIQUE INDEX "alarm_active_fingerprint_key" ON "alarm"("fingerprint") WHERE "status" = 'firing';

-- The work order statuses of the workflow: on-hold is now pending, and assigned is new
UPDATE "dictionary_entry" SET "code" = 'pending', "label" = '挂起', "label_en" = 'Pending' WHERE "type" = 'work-order-status' AND "code" = 'on-hold';
