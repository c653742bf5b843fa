DROP INDEX "inbound_events_status_idx";--> statement-breakpoint
CREATE INDEX "inbound_events_problems_idx" ON "inbound_events" USING btree ("channel_id","received_at") WHERE "inbound_events"."status" in ('failed', 'malformed');--> statement-breakpoint
CREATE INDEX "inbound_events_leases_idx" ON "inbound_events" USING btree ("next_attempt_at") WHERE "inbound_events"."status" = 'processing';