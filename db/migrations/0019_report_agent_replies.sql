CREATE TABLE "report_agent_replies" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"conversation_id" uuid NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_agent_replies_workspace_id_day_user_id_conversation_id_pk" PRIMARY KEY("workspace_id","day","user_id","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "report_agent_replies" ADD CONSTRAINT "report_agent_replies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_agent_replies" ADD CONSTRAINT "report_agent_replies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION "baton_report_agent_replies_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "report_agent_replies" AS r ("workspace_id", "user_id", "day", "conversation_id", "replies")
	SELECT n."workspace_id", n."sender_user_id", (n."created_at" AT TIME ZONE 'UTC')::date, n."conversation_id", count(*)
	FROM inserted n
	WHERE n."sender_kind" = 'agent' AND n."direction" = 'outbound' AND n."sender_user_id" IS NOT NULL
	GROUP BY 1, 2, 3, 4
	ON CONFLICT ("workspace_id", "day", "user_id", "conversation_id") DO UPDATE SET "replies" = r."replies" + excluded."replies";
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_report_agent_replies" AFTER INSERT ON "messages"
	REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "baton_report_agent_replies_inserted"();--> statement-breakpoint
CREATE FUNCTION "baton_report_agent_replies_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	WITH gone AS (
		SELECT o."workspace_id", o."sender_user_id" AS "user_id", (o."created_at" AT TIME ZONE 'UTC')::date AS "day", o."conversation_id", count(*) AS n
		FROM deleted o
		WHERE o."sender_kind" = 'agent' AND o."direction" = 'outbound' AND o."sender_user_id" IS NOT NULL
		GROUP BY 1, 2, 3, 4
	)
	UPDATE "report_agent_replies" r SET "replies" = r."replies" - g.n
	FROM gone g
	WHERE r."workspace_id" = g."workspace_id" AND r."day" = g."day" AND r."user_id" = g."user_id" AND r."conversation_id" = g."conversation_id";
	DELETE FROM "report_agent_replies" r
	WHERE r."replies" <= 0 AND (r."workspace_id", r."day", r."user_id", r."conversation_id") IN (
		SELECT o."workspace_id", (o."created_at" AT TIME ZONE 'UTC')::date, o."sender_user_id", o."conversation_id" FROM deleted o WHERE o."sender_user_id" IS NOT NULL);
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_report_agent_replies_deleted" AFTER DELETE ON "messages"
	REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "baton_report_agent_replies_deleted"();--> statement-breakpoint
-- Backfill: the replies written before the triggers existed.
INSERT INTO "report_agent_replies" ("workspace_id", "user_id", "day", "conversation_id", "replies")
SELECT m."workspace_id", m."sender_user_id", (m."created_at" AT TIME ZONE 'UTC')::date, m."conversation_id", count(*)
FROM "messages" m
WHERE m."sender_kind" = 'agent' AND m."direction" = 'outbound' AND m."sender_user_id" IS NOT NULL
	AND EXISTS (SELECT 1 FROM "users" u WHERE u."id" = m."sender_user_id")
GROUP BY 1, 2, 3, 4;
