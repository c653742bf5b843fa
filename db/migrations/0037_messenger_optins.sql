CREATE TABLE "messenger_optins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"token" text NOT NULL,
	"frequency" text NOT NULL,
	"status" text NOT NULL,
	"title" text,
	"payload" text,
	"timezone" text,
	"expires_at" timestamp (3) with time zone,
	"last_sent_at" timestamp (3) with time zone,
	"changed_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messenger_optins" ADD CONSTRAINT "messenger_optins_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_optins" ADD CONSTRAINT "messenger_optins_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_optins" ADD CONSTRAINT "messenger_optins_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "messenger_optins_token_idx" ON "messenger_optins" USING btree ("channel_id","token");--> statement-breakpoint
CREATE INDEX "messenger_optins_contact_idx" ON "messenger_optins" USING btree ("workspace_id","contact_id","channel_id");