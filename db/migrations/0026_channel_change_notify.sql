-- Processes keep channels (with their decrypted credentials) in memory between deliveries;
-- every change to a channel row, by any writer in any process, tells them to drop it.
CREATE OR REPLACE FUNCTION baton_notify_channel_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('baton_channel_changed', COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER channels_notify_change AFTER INSERT OR UPDATE OR DELETE ON channels
  FOR EACH ROW EXECUTE FUNCTION baton_notify_channel_changed();
