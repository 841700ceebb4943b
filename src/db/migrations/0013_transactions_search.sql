-- Trigram matching for the Transactions search by part of a buyer's name (docs/sales.md). pg_trgm is
-- a trusted extension on PostgreSQL 13+ (the database owner may create it); PGlite loads it (src/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "product_access_order_idx" ON "product_access" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "orders_buyer_name_trgm_idx" ON "orders" USING gin ("buyer_name" gin_trgm_ops);