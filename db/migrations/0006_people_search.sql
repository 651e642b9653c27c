CREATE INDEX "users_name_trgm_idx" ON "users" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_title_trgm_idx" ON "users" USING gin ("title" gin_trgm_ops);