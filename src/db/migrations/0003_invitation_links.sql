-- Pending invitations keep their e-mailed link: it moves to the links service.
INSERT INTO "links" ("id", "token_hash", "purpose", "subjects", "payload", "single_use", "expires_at", "used_at", "revoked_at", "created_at")
SELECT "id", "token_hash", 'team.invitation', ARRAY['invitation:' || "id"::text], '{}'::jsonb, true, "expires_at", NULL, NULL, "created_at"
FROM "invitations" WHERE "status" = 'pending';--> statement-breakpoint
DROP INDEX "invitations_token_idx";--> statement-breakpoint
ALTER TABLE "invitations" DROP COLUMN "token_hash";
