-- Issue 8, item 3 (SALES-1): seller accounts' products, prices in minor units (X-3), and each
-- product's members list (product_access), which the sales module fills.
CREATE TABLE "product_access" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"order_id" uuid,
	"buyer_name" text NOT NULL,
	"buyer_email" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"price_amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"tax_rate_bp" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"billing_period" text,
	"trial_days" integer,
	"event_starts_at" timestamp with time zone,
	"event_place" text,
	"event_capacity" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "products_price_positive" CHECK ("products"."price_amount" > 0),
	CONSTRAINT "products_tax_rate" CHECK ("products"."tax_rate_bp" between 0 and 10000),
	CONSTRAINT "products_currency" CHECK ("products"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "products_recurring_fields" CHECK (("products"."kind" = 'recurring') = ("products"."billing_period" is not null) and ("products"."trial_days" is null or ("products"."kind" = 'recurring' and "products"."trial_days" between 1 and 365))),
	CONSTRAINT "products_event_fields" CHECK (("products"."kind" = 'event') = ("products"."event_starts_at" is not null) and ("products"."kind" = 'event') = ("products"."event_place" is not null) and ("products"."kind" = 'event') = ("products"."event_capacity" is not null) and ("products"."event_capacity" is null or "products"."event_capacity" >= 1))
);
--> statement-breakpoint
ALTER TABLE "product_access" ADD CONSTRAINT "product_access_account_id_seller_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."seller_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_access" ADD CONSTRAINT "product_access_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_account_id_seller_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."seller_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_access_product_idx" ON "product_access" USING btree ("product_id","id");--> statement-breakpoint
CREATE INDEX "product_access_email_idx" ON "product_access" USING btree ("product_id","buyer_email");--> statement-breakpoint
CREATE INDEX "products_account_idx" ON "products" USING btree ("account_id","id");