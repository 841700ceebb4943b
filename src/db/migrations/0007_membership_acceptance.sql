-- Issue 7, finding 6: a membership of someone who already existed awaits their acceptance
-- (accepted_at null). Every membership so far was live: it counts as accepted when created.
ALTER TABLE "memberships" ADD COLUMN "accepted_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
UPDATE "memberships" SET "accepted_at" = "created_at";--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "typed_first_name" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "typed_last_name" text;
