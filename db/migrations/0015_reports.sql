CREATE TABLE "presence_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "opened_handler" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "reached_people_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_reply_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_reply_by_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "presence_sessions" ADD CONSTRAINT "presence_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presence_sessions" ADD CONSTRAINT "presence_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "presence_sessions_workspace_idx" ON "presence_sessions" USING btree ("workspace_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "presence_sessions_open_key" ON "presence_sessions" USING btree ("workspace_id","user_id") WHERE "presence_sessions"."ended_at" is null;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_first_reply_by_id_users_id_fk" FOREIGN KEY ("first_reply_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_reports_created_idx" ON "conversations" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "conversations_reports_resolved_idx" ON "conversations" USING btree ("workspace_id","resolved_at") WHERE "conversations"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX "messages_reports_inbound_idx" ON "messages" USING btree ("workspace_id","created_at","conversation_id") WHERE "messages"."direction" = 'inbound';--> statement-breakpoint
CREATE INDEX "messages_reports_agent_idx" ON "messages" USING btree ("workspace_id","created_at","sender_user_id","conversation_id") WHERE "messages"."sender_kind" = 'agent' and "messages"."direction" = 'outbound';--> statement-breakpoint
CREATE INDEX "messages_reports_kind_idx" ON "messages" USING btree ("workspace_id","kind","created_at") WHERE "messages"."kind" in ('status', 'product');--> statement-breakpoint
CREATE INDEX "sla_targets_conversation_idx" ON "sla_targets" USING btree ("conversation_id");--> statement-breakpoint
-- Backfill for reports: conversations and orders written before these columns existed.
UPDATE "conversations" c SET "first_reply_at" = r."created_at", "first_reply_by_id" = r."sender_user_id"
FROM (
	SELECT DISTINCT ON ("conversation_id") "conversation_id", "created_at", "sender_user_id"
	FROM "messages" WHERE "sender_kind" = 'agent' AND "direction" = 'outbound'
	ORDER BY "conversation_id", "created_at", "seq"
) r WHERE r."conversation_id" = c."id";--> statement-breakpoint
UPDATE "conversations" c SET "opened_handler" = CASE
	WHEN EXISTS (SELECT 1 FROM "messages" m WHERE m."conversation_id" = c."id" AND (m."sender_kind" = 'bot' OR (m."kind" = 'status' AND m."payload"->>'event' = 'bot_hand_off'))) THEN 'bot'
	ELSE 'queue' END;--> statement-breakpoint
UPDATE "conversations" c SET "reached_people_at" = COALESCE(
	(SELECT min(m."created_at") FROM "messages" m WHERE m."conversation_id" = c."id" AND m."kind" = 'status' AND m."payload"->>'event' = 'bot_hand_off'),
	CASE WHEN c."opened_handler" = 'queue' THEN c."created_at" END,
	c."assigned_at",
	c."first_reply_at"
);--> statement-breakpoint
UPDATE "orders" o SET "source" = CASE
	WHEN EXISTS (SELECT 1 FROM "audit_log" a WHERE a."action" = 'order.created' AND a."target_id" = o."id") THEN 'agent'
	ELSE 'flow' END
WHERE o."conversation_id" IS NOT NULL;
