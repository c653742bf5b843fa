-- The workspace's routing mode is kept in memory too (lib/cache/notified-cache.ts).
CREATE TRIGGER workspaces_notify_change AFTER INSERT OR UPDATE OR DELETE ON workspaces
  FOR EACH ROW EXECUTE FUNCTION baton_notify_row_changed('baton_workspace_changed');
