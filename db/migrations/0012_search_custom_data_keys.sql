-- Custom data keys as one text, so a trigram index can answer "any key contains …" for the
-- inbox search, as contact_data_text does for the values (0008).
CREATE OR REPLACE FUNCTION contact_data_keys(data jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(string_agg(key, E'\n'), '') FROM jsonb_object_keys(data) key $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_custom_data_keys_trgm_idx" ON "contacts" USING gin (contact_data_keys("custom_data") gin_trgm_ops);
