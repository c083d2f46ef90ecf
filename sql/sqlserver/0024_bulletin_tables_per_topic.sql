-- The province publishes one bulletin table per topic (incomes, workshops, ...), so a region and
-- quarter may hold several current bulletin submissions, one per table, each with its own file.
-- A region's own return stays unique per quarter. No indicator is current in two bulletin
-- submissions of one region and quarter: a later table that repeats an indicator supersedes the
-- earlier submission, and the earlier table's other figures are restated from its own file.
DROP INDEX ux_submission_current ON etl.submission;
CREATE UNIQUE INDEX ux_submission_current ON etl.submission (region_key, period_key, source_kind) WHERE status = N'accepted' AND source_kind = N'return';
-- The region's accepted submissions of a span of quarters (the history rules' query), returns and
-- bulletin tables alike, without the attempts that were rejected or superseded.
CREATE INDEX ix_submission_accepted ON etl.submission (region_key, period_key) WHERE status = N'accepted';
