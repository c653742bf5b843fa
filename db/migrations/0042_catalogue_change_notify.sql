-- The part of the catalogue a flow shows is kept in memory by the inbound worker
-- (lib/commerce/cached-catalogue.ts), keyed by workspace: any change to a product, a
-- variant, a set's items, a collection, its products or a collection point notifies its
-- workspace's id (stock changes included).
CREATE TRIGGER products_notify_change AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION baton_notify_workspace_row_changed('baton_catalogue_changed');
--> statement-breakpoint
CREATE TRIGGER product_variants_notify_change AFTER INSERT OR UPDATE OR DELETE ON product_variants
  FOR EACH ROW EXECUTE FUNCTION baton_notify_workspace_row_changed('baton_catalogue_changed');
--> statement-breakpoint
CREATE TRIGGER product_set_items_notify_change AFTER INSERT OR UPDATE OR DELETE ON product_set_items
  FOR EACH ROW EXECUTE FUNCTION baton_notify_workspace_row_changed('baton_catalogue_changed');
--> statement-breakpoint
CREATE TRIGGER collections_notify_change AFTER INSERT OR UPDATE OR DELETE ON collections
  FOR EACH ROW EXECUTE FUNCTION baton_notify_workspace_row_changed('baton_catalogue_changed');
--> statement-breakpoint
CREATE TRIGGER collection_points_notify_change AFTER INSERT OR UPDATE OR DELETE ON collection_points
  FOR EACH ROW EXECUTE FUNCTION baton_notify_workspace_row_changed('baton_catalogue_changed');
--> statement-breakpoint
-- A collection's products carry no workspace id: it is their collection's. (When the
-- collection itself is deleted, its own trigger has told already.)
CREATE OR REPLACE FUNCTION baton_notify_collection_products_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws uuid;
BEGIN
  SELECT workspace_id INTO ws FROM collections WHERE id = COALESCE(NEW.collection_id, OLD.collection_id);
  IF ws IS NOT NULL THEN
    PERFORM pg_notify('baton_catalogue_changed', ws::text);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER collection_products_notify_change AFTER INSERT OR UPDATE OR DELETE ON collection_products
  FOR EACH ROW EXECUTE FUNCTION baton_notify_collection_products_changed();
