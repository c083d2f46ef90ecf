-- Import attempts of an inbox file, for the poison-file rule: a file whose import failed twice
-- (the process died while importing it, an exception that is not a transient fault) is set aside
-- in the rejected folder with a rejected attempt instead of being handed out again.
ALTER TABLE etl_inbox_file ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;  -- imports started (a transient fault gives its attempt back)
ALTER TABLE etl_inbox_file ADD COLUMN last_failure TEXT NULL;               -- why the last attempt failed
