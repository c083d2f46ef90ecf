-- Submissions looked up without a full read of every submission ever recorded, a cost that grew
-- with each quarter loaded:
-- a quarter's accepted submissions, for the current values every ranking refresh reads (the
-- current quarter, the one before and the same quarter a year earlier); PostgreSQL hashed every
-- accepted submission of every quarter to check the status of one quarter's facts;
CREATE INDEX ix_submission_period ON etl.submission (period_key);
-- a region's attempts by the code written on their cover (what a rejected attempt without a region
-- key is found by), for 'prosperity issues': every attempt of a region, or of one quarter.
CREATE INDEX ix_submission_region_code ON etl.submission (region_code, period_code);
