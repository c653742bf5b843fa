-- Custom data values as one text, so a trigram index can answer "any value contains …"
-- (the inbox search); the newline keeps a match inside a single value.
CREATE OR REPLACE FUNCTION contact_data_text(data jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(string_agg(value, E'\n'), '') FROM jsonb_each_text(data) $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_custom_data_text_trgm_idx" ON "contacts" USING gin (contact_data_text("custom_data") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_phone_digits_trgm_idx" ON "contacts" USING gin ((regexp_replace("phone", '[^0-9]', '', 'g')) gin_trgm_ops);
