-- Processes keep some rows in memory (lib/cache/notified-cache.ts); every change to such a
-- row, by any writer in any process, notifies the channel named by the trigger's argument
-- with the row's id, and they drop it. One function for every cached table.
CREATE OR REPLACE FUNCTION baton_notify_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER channels_notify_change AFTER INSERT OR UPDATE OR DELETE ON channels
  FOR EACH ROW EXECUTE FUNCTION baton_notify_row_changed('baton_channel_changed');
