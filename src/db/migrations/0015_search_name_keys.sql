-- The Transactions search by part of a buyer's name by account (docs/sales.md, "Search by part of
-- a name"): every three-character piece of the lower-cased name, prefixed by the seller account.
-- An order whose name contains a text (ILIKE) holds every key of that text, so a GIN index on
-- the keys finds one account's matches, and knows at once that a name is absent from an account
-- (pg_trgm's index knows no account: it read every match of the others to say so). GIN
-- removes duplicate keys itself. Only core functions: PostgreSQL and PGlite alike.
CREATE FUNCTION orders_name_keys(account uuid, name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT array(SELECT account::text || substr(l, i, 3) FROM (SELECT lower(name) AS l) n, generate_series(1, length(l) - 2) i) $$;--> statement-breakpoint
DROP INDEX "orders_buyer_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "orders_name_keys_idx" ON "orders" USING gin (orders_name_keys("account_id", "buyer_name"));
