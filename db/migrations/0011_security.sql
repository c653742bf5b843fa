CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "joined_at" timestamp (3) with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invited_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_set_at" timestamp (3) with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "user_invites" ADD COLUMN "sets_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
-- Accounts made by an invite that was never used have no password of their own yet.
UPDATE "users" u SET "password_set_at" = NULL
WHERE EXISTS (SELECT 1 FROM "user_invites" i WHERE i."user_id" = u."id")
  AND NOT EXISTS (SELECT 1 FROM "user_invites" i WHERE i."user_id" = u."id" AND i."used_at" IS NOT NULL);--> statement-breakpoint
-- A membership whose invite is still open has not been accepted yet.
UPDATE "memberships" m SET "joined_at" = NULL
WHERE EXISTS (SELECT 1 FROM "user_invites" i WHERE i."workspace_id" = m."workspace_id" AND i."user_id" = m."user_id" AND i."used_at" IS NULL)
  AND NOT EXISTS (SELECT 1 FROM "user_invites" i WHERE i."workspace_id" = m."workspace_id" AND i."user_id" = m."user_id" AND i."used_at" IS NOT NULL);--> statement-breakpoint
-- Only the workspace that created an account (its first membership) may set its first password.
UPDATE "user_invites" i SET "sets_password" = true
FROM "users" u
WHERE u."id" = i."user_id" AND u."password_set_at" IS NULL
  AND i."workspace_id" = (SELECT m."workspace_id" FROM "memberships" m WHERE m."user_id" = i."user_id" ORDER BY m."created_at", m."workspace_id" LIMIT 1);
