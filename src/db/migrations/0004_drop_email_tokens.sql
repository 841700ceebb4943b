-- Every e-mailed link now lives in "links" (moved by 0002).
DROP TABLE "email_tokens" CASCADE;