CREATE TABLE "links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"subjects" text[] NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"single_use" boolean NOT NULL,
	"expires_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"password_hash" text,
	"pin_hash" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"api_key_hash" text,
	"api_key_prefix" text,
	"api_key_created_at" timestamp with time zone,
	"api_key_last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_challenges" ADD CONSTRAINT "staff_challenges_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "links_token_idx" ON "links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "links_subjects_idx" ON "links" USING gin ("subjects");--> statement-breakpoint
CREATE INDEX "staff_sessions_staff_idx" ON "staff_sessions" USING btree ("staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_email_idx" ON "staff_users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_api_key_idx" ON "staff_users" USING btree ("api_key_hash");--> statement-breakpoint
-- Links still live in email_tokens move to the links service, so e-mails already sent keep working.
INSERT INTO "links" ("id", "token_hash", "purpose", "subjects", "payload", "single_use", "expires_at", "used_at", "revoked_at", "created_at")
SELECT "id", "token_hash",
  CASE "purpose" WHEN 'signup_confirm' THEN 'auth.signup_confirm' WHEN 'password_set' THEN 'auth.password_set'
    WHEN 'password_reset' THEN 'auth.password_reset' ELSE 'accounts.link_account' END,
  CASE WHEN "purpose" = 'link_account' THEN ARRAY['seller_account:' || ("payload"->>'accountId')] ELSE ARRAY['user:' || "user_id"::text] END,
  "payload", true, "expires_at", "used_at", NULL, "created_at"
FROM "email_tokens"
WHERE "used_at" IS NULL AND ("user_id" IS NOT NULL OR "purpose" = 'link_account');
