ALTER TABLE "form_submissions" ADD COLUMN "flow_id" uuid;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD COLUMN "flow_step_id" text;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE set null ON UPDATE no action;