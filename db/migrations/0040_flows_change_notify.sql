-- The bot's flows are kept in memory by the inbound worker (lib/flows/cached.ts), keyed by
-- workspace: any change to a flow or a version notifies its workspace's id.
CREATE OR REPLACE FUNCTION baton_notify_workspace_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], COALESCE(NEW.workspace_id, OLD.workspace_id)::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER flows_notify_change AFTER INSERT OR UPDATE OR DELETE ON flows
  FOR EACH ROW EXECUTE FUNCTION baton_notify_workspace_row_changed('baton_flows_changed');
--> statement-breakpoint
CREATE TRIGGER flow_versions_notify_change AFTER INSERT OR UPDATE OR DELETE ON flow_versions
  FOR EACH ROW EXECUTE FUNCTION baton_notify_workspace_row_changed('baton_flows_changed');
