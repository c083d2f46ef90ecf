-- The status of full-year figures: 'preliminary' (快报, published in January) or 'final' (年报,
-- published later, replacing them as a recorded revision); NULL for other quarters and for returns
-- or tables that do not say. A preliminary return is refused once the final one is loaded.
ALTER TABLE etl.submission ADD data_stage nvarchar(16) NULL
    CONSTRAINT ck_submission_data_stage CHECK (data_stage IN (N'preliminary', N'final'));
GO

ALTER VIEW bi.submission AS
SELECT
    s.submission_id,
    s.file_name,
    s.file_sha256,
    s.region_code,
    r.name_zh AS region_name_zh,
    r.name_en AS region_name_en,
    s.period_code,
    s.status,
    s.value_count,
    s.error_count,
    s.warning_count,
    s.submitter,
    s.received_at,
    s.loaded_at,
    s.superseded_at,
    s.superseded_by,
    s.source_kind,
    s.due_on,
    s.days_late,
    s.is_revision,
    s.restored_from,
    s.reviewed_at,
    s.reviewed_by,
    s.review_note,
    s.approved_at,
    s.approved_by,
    rel.release_no,
    s.data_stage
FROM etl.submission s
LEFT JOIN dw.region r ON r.region_key = s.region_key
LEFT JOIN etl.release rel ON rel.release_id = s.release_id;
GO
