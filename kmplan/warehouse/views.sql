-- kmplan warehouse views. Replaced on every writer open so they follow the code.

-- One row per activity, with exactly the export contract's fields in the contract's
-- order, then the sort keys plan_no and row_no (not part of the contract).
CREATE OR REPLACE VIEW activity_rows AS
SELECT
    d.document_id,
    d.source_file,
    d.organization,
    d.fiscal_year,
    d.announced_on,
    d.reference_no,
    d.signed_by,
    p.department,
    p.km_goal,
    p.deliverable,
    a.seq,
    a.step,
    a.activity,
    a.method,
    a.period_text,
    a.period_start,
    a.period_end,
    a.indicator,
    a.target,
    a.target_percent,
    a.responsible,
    a.note,
    a.page,
    p.plan_type,
    d.year_basis,
    a.element,
    a.target_group,
    a.budget_baht,
    a.tacit_knowledge,
    a.explicit_knowledge,
    a.target_comparator,
    a.target_count,
    a.target_unit,
    a.plan_no,
    a.row_no
FROM activities AS a
JOIN plans AS p ON p.document_id = a.document_id AND p.plan_no = a.plan_no
JOIN documents AS d ON d.document_id = a.document_id;

-- One row per document with how much of it the warehouse holds.
CREATE OR REPLACE VIEW document_summary AS
SELECT
    d.document_id,
    d.source_file,
    d.organization,
    d.fiscal_year,
    (SELECT count(*) FROM plans AS p WHERE p.document_id = d.document_id) AS plans,
    (SELECT count(*) FROM activities AS a WHERE a.document_id = d.document_id) AS activities,
    (SELECT count(*) FROM warnings AS w WHERE w.document_id = d.document_id) AS warnings,
    (SELECT count(*) FROM repairs AS r WHERE r.document_id = d.document_id) AS repaired_fields,
    d.repair_share,
    d.damaged_pages,
    d.kmplan_version,
    d.ingested_at
FROM documents AS d;

-- One row per ingest run with its files' outcomes counted.
CREATE OR REPLACE VIEW ingest_run_summary AS
SELECT
    r.run_id,
    r.started_at,
    r.finished_at,
    r.status,
    r.executor,
    r.workers,
    count(f.file_no) AS files,
    count(f.file_no) FILTER (WHERE f.status = 'ingested') AS ingested,
    count(f.file_no) FILTER (WHERE f.status = 'already-present') AS already_present,
    count(f.file_no) FILTER (WHERE f.status = 'failed') AS failed,
    coalesce(sum(f.pages), 0) AS pages,
    coalesce(sum(f.activities), 0) AS activities,
    r.inputs,
    r.kmplan_version
FROM ingest_runs AS r
LEFT JOIN ingest_run_files AS f ON f.run_id = r.run_id
GROUP BY ALL;
