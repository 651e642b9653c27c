DROP INDEX "demos_archive_search_idx";--> statement-breakpoint
CREATE INDEX "ideas_week_published_idx" ON "ideas" USING btree ("week_id") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "demos_archive_search_idx" ON "demos" USING gin ("archive_search") WITH (fastupdate=false);