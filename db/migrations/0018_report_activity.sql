CREATE TABLE "report_activity" (
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"bucket" timestamp (3) with time zone NOT NULL,
	"customer_messages" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_activity_workspace_id_bucket_channel_id_pk" PRIMARY KEY("workspace_id","bucket","channel_id")
);
--> statement-breakpoint
CREATE TABLE "report_activity_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"bucket" timestamp (3) with time zone NOT NULL,
	"customer_messages" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_activity" ADD CONSTRAINT "report_activity_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_activity" ADD CONSTRAINT "report_activity_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_activity_pending" ADD CONSTRAINT "report_activity_pending_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_activity_pending" ADD CONSTRAINT "report_activity_pending_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_activity_pending_workspace_idx" ON "report_activity_pending" USING btree ("workspace_id","bucket");--> statement-breakpoint
-- The quarter hour an instant falls in (every time zone's offset is a multiple of 15 minutes).
CREATE FUNCTION "baton_report_bucket"(at timestamptz) RETURNS timestamptz
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN date_bin('15 minutes', at, timestamptz '2000-01-01 00:00:00+00');--> statement-breakpoint
-- Counts of one insert statement, appended (never updated in place, so concurrent inserts
-- never wait on a shared counter row); the minutely job folds them into report_activity.
CREATE FUNCTION "baton_report_messages_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "report_activity_pending" ("workspace_id", "channel_id", "bucket", "customer_messages")
	SELECT n."workspace_id", n."channel_id", "baton_report_bucket"(n."created_at"), count(*)
	FROM inserted n WHERE n."direction" = 'inbound'
	GROUP BY 1, 2, 3;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_report_activity" AFTER INSERT ON "messages"
	REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "baton_report_messages_inserted"();--> statement-breakpoint
CREATE FUNCTION "baton_report_conversations_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "report_activity_pending" ("workspace_id", "channel_id", "bucket", "opened", "reopened")
	SELECT n."workspace_id", n."channel_id", "baton_report_bucket"(n."created_at"), count(*),
		count(*) FILTER (WHERE EXISTS (
			SELECT 1 FROM "conversations" p
			WHERE p."contact_id" = n."contact_id" AND p."channel_id" = n."channel_id" AND p."created_at" < n."created_at"))
	FROM inserted n
	GROUP BY 1, 2, 3;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversations_report_activity" AFTER INSERT ON "conversations"
	REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "baton_report_conversations_inserted"();--> statement-breakpoint
-- Deleting takes the counts back out (a customer erased, a channel removed), so the rollup
-- always equals what a count over the rows would say.
CREATE FUNCTION "baton_report_messages_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "report_activity_pending" ("workspace_id", "channel_id", "bucket", "customer_messages")
	SELECT o."workspace_id", o."channel_id", "baton_report_bucket"(o."created_at"), -count(*)
	FROM deleted o WHERE o."direction" = 'inbound'
		AND EXISTS (SELECT 1 FROM "channels" ch WHERE ch."id" = o."channel_id")
		AND EXISTS (SELECT 1 FROM "workspaces" w WHERE w."id" = o."workspace_id")
	GROUP BY 1, 2, 3;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_report_activity_deleted" AFTER DELETE ON "messages"
	REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "baton_report_messages_deleted"();--> statement-breakpoint
CREATE FUNCTION "baton_report_conversations_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- Whether each was a reopening is judged against the rows as they were before this
	-- statement: an earlier one that remains, or an earlier one this statement deleted.
	INSERT INTO "report_activity_pending" ("workspace_id", "channel_id", "bucket", "opened", "reopened")
	SELECT o."workspace_id", o."channel_id", "baton_report_bucket"(o."created_at"), -count(*),
		-count(*) FILTER (WHERE o."created_at" > o."first_deleted_at" OR EXISTS (
			SELECT 1 FROM "conversations" p
			WHERE p."contact_id" = o."contact_id" AND p."channel_id" = o."channel_id" AND p."created_at" < o."created_at"))
	FROM (SELECT d.*, min(d."created_at") OVER (PARTITION BY d."contact_id", d."channel_id") AS "first_deleted_at" FROM deleted d) o
	WHERE EXISTS (SELECT 1 FROM "channels" ch WHERE ch."id" = o."channel_id")
		AND EXISTS (SELECT 1 FROM "workspaces" w WHERE w."id" = o."workspace_id")
	GROUP BY 1, 2, 3;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversations_report_activity_deleted" AFTER DELETE ON "conversations"
	REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "baton_report_conversations_deleted"();--> statement-breakpoint
-- Backfill: what was written before the triggers existed.
INSERT INTO "report_activity" ("workspace_id", "channel_id", "bucket", "customer_messages", "opened", "reopened")
SELECT "workspace_id", "channel_id", "bucket", sum("customer_messages"), sum("opened"), sum("reopened")
FROM (
	SELECT m."workspace_id", m."channel_id", "baton_report_bucket"(m."created_at") AS "bucket", count(*) AS "customer_messages", 0 AS "opened", 0 AS "reopened"
	FROM "messages" m WHERE m."direction" = 'inbound' GROUP BY 1, 2, 3
	UNION ALL
	SELECT c."workspace_id", c."channel_id", "baton_report_bucket"(c."created_at"), 0, count(*),
		count(*) FILTER (WHERE EXISTS (
			SELECT 1 FROM "conversations" p
			WHERE p."contact_id" = c."contact_id" AND p."channel_id" = c."channel_id" AND p."created_at" < c."created_at"))
	FROM "conversations" c GROUP BY 1, 2, 3
) a
GROUP BY 1, 2, 3;
