-- Processes keep some workspace settings in memory (routing mode); every change to a
-- workspace row, by any writer in any process, tells them to drop it.
CREATE OR REPLACE FUNCTION baton_notify_workspace_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('baton_workspace_changed', COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER workspaces_notify_change AFTER INSERT OR UPDATE OR DELETE ON workspaces
  FOR EACH ROW EXECUTE FUNCTION baton_notify_workspace_changed();
