DROP INDEX "conversations_inbox_handler_idx";--> statement-breakpoint
DROP INDEX "conversations_inbox_assignee_idx";--> statement-breakpoint
DROP INDEX "conversations_inbox_recent_idx";--> statement-breakpoint
CREATE INDEX "conversations_inbox_status_idx" ON "conversations" USING btree ("workspace_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_inbox_handler_idx" ON "conversations" USING btree ("workspace_id","status","handler","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_inbox_assignee_idx" ON "conversations" USING btree ("workspace_id","status","assignee_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_inbox_recent_idx" ON "conversations" USING btree ("workspace_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);