CREATE TABLE "ticket_sla_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"rule_id" uuid,
	"kind" text NOT NULL,
	"business_hours" boolean NOT NULL,
	"target_ms" bigint NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"paused_at" timestamp (3) with time zone,
	"paused_ms" bigint DEFAULT 0 NOT NULL,
	"met_at" timestamp (3) with time zone,
	"breached_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "ticket_number" integer;--> statement-breakpoint
ALTER TABLE "sla_rules" ADD COLUMN "applies_to" text DEFAULT 'conversation' NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_rule_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_kind" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_started_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_paused_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" ADD CONSTRAINT "ticket_sla_targets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" ADD CONSTRAINT "ticket_sla_targets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" ADD CONSTRAINT "ticket_sla_targets_rule_id_sla_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."sla_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_sla_targets_pending_idx" ON "ticket_sla_targets" USING btree ("ticket_id") WHERE "ticket_sla_targets"."met_at" is null and "ticket_sla_targets"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "ticket_sla_targets_due_idx" ON "ticket_sla_targets" USING btree ("due_at") WHERE "ticket_sla_targets"."met_at" is null and "ticket_sla_targets"."cancelled_at" is null and "ticket_sla_targets"."breached_at" is null and "ticket_sla_targets"."paused_at" is null;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_sla_idx" ON "tickets" USING btree ("workspace_id","sla_due_at") WHERE "tickets"."sla_due_at" is not null;