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
    d.document_kind,
    a.result_text,
    a.status,
    a.target_comparator,
    a.target_count,
    a.target_unit,
    a.ocr_confidence,
    a.extra_columns,
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

-- One row per run (ingest or reprocess: `command`) with its files' outcomes counted; a
-- reprocess run's documents are in reprocess_run_files (files and failed count them).
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
    r.kmplan_version,
    r.command
FROM ingest_runs AS r
LEFT JOIN (
    SELECT run_id, file_no, status, pages, activities FROM ingest_run_files
    UNION ALL
    SELECT run_id, file_no, status, 0, 0 FROM reprocess_run_files
) AS f ON f.run_id = r.run_id
GROUP BY ALL;

-- Every plan with its organization and department keys (departments.py assigns them).
CREATE OR REPLACE VIEW plan_keys AS
SELECT
    p.document_id,
    p.plan_no,
    d.source_file,
    d.organization,
    oa.organization_key,
    d.fiscal_year,
    p.department,
    da.department_key,
    p.plan_type,
    p.km_goal,
    p.deliverable,
    d.announced_on,
    d.ingested_at
FROM plans AS p
JOIN documents AS d ON d.document_id = p.document_id
LEFT JOIN organization_aliases AS oa ON oa.spelling = d.organization
LEFT JOIN department_aliases AS da
    ON da.organization_key = oa.organization_key AND da.spelling = p.department;

-- One row per department key: its printed spellings, the years it has plans in, and
-- whether a user corrected it (`kmplan departments` prints this).
CREATE OR REPLACE VIEW department_keys AS
SELECT
    da.organization_key,
    da.department_key,
    string_agg(DISTINCT da.spelling, ' | ' ORDER BY da.spelling) AS spellings,
    list(DISTINCT k.fiscal_year ORDER BY k.fiscal_year)
        FILTER (WHERE k.fiscal_year IS NOT NULL) AS fiscal_years,
    count(k.plan_no) AS plans,
    bool_or(da.source = 'user') AS corrected
FROM department_aliases AS da
LEFT JOIN plan_keys AS k
    ON k.organization_key = da.organization_key AND k.department = da.spelling
GROUP BY da.organization_key, da.department_key;

-- The document that stands for each organization and fiscal year when years are compared.
-- Documents with no organization or no fiscal year (contract v2 allows both) stand for
-- none: they cannot be placed on a timeline. An action plan stands before a results
-- report of the same year. Then the latest announcement: a re-issued plan (a later
-- announced_on) replaces the first. Copies of one announcement (a scan and a born-digital
-- export, a renamed file) share the latest date of their copies, so that a misread date
-- cannot split them; copies are documents of the same organization and year with the
-- same reference number, the same announcement date or the same rows (the cells of every
-- row, in order). Among copies the one read from a text layer stands (fewest rows read by
-- OCR), then the one holding the most rows (a copy that lost a page is the worse copy),
-- then the one with the fewest warnings, then the latest ingested.
-- year_basis tells whether fiscal_year is a fiscal or an academic year (the report lays
-- its timeline out by it).
CREATE OR REPLACE VIEW year_documents AS
WITH docs AS (
    SELECT d.document_id, oa.organization_key, d.organization, d.fiscal_year, d.source_file,
           d.announced_on, d.reference_no, d.year_basis, d.ingested_at,
           coalesce(d.document_kind, 'plan') AS document_kind,
           (SELECT md5(string_agg(concat_ws(chr(31), a.plan_no, a.seq, a.activity, a.method,
                                            a.period_text, a.indicator, a.target,
                                            a.responsible),
                                  chr(30) ORDER BY a.plan_no, a.row_no))
            FROM activities AS a WHERE a.document_id = d.document_id) AS rows_hash,
           (SELECT count(*) FROM activities AS a
            WHERE a.document_id = d.document_id AND a.ocr_confidence IS NOT NULL) AS ocr_rows,
           (SELECT count(*) FROM activities AS a WHERE a.document_id = d.document_id)
               AS row_count,
           (SELECT count(*) FROM warnings AS w WHERE w.document_id = d.document_id)
               AS warning_count
    FROM documents AS d
    JOIN organization_aliases AS oa ON oa.spelling = d.organization
    WHERE d.fiscal_year IS NOT NULL
),
copies AS (
    SELECT a.document_id, max(b.announced_on) AS announced
    FROM docs AS a
    JOIN docs AS b
        ON b.organization_key = a.organization_key AND b.fiscal_year = a.fiscal_year
       AND b.document_kind = a.document_kind
       AND (b.document_id = a.document_id OR b.reference_no = a.reference_no
            OR b.announced_on = a.announced_on OR b.rows_hash = a.rows_hash)
    GROUP BY a.document_id
)
SELECT document_id, organization_key, organization, fiscal_year, source_file, announced_on,
       year_basis
FROM (
    SELECT d.*,
           row_number() OVER (
               PARTITION BY d.organization_key, d.fiscal_year
               ORDER BY d.document_kind = 'plan' DESC, c.announced DESC NULLS LAST,
                        d.ocr_rows, d.row_count DESC, d.warning_count, d.ingested_at DESC,
                        d.document_id
           ) AS pick
    FROM docs AS d
    JOIN copies AS c ON c.document_id = d.document_id
)
WHERE pick = 1;

-- The cross-year comparison for the given fiscal years (NULL: every year held) of one
-- organization key (org := ...) or of all. One document per organization and year (the
-- latest announced, then the latest ingested); pairs are consecutive years among those
-- chosen. One row per department key, plan family (plan_type) and pair: a document may
-- hold a KM Process and a Change Management plan of the same department, and each is
-- compared with the same family's plan of the other year (the department's first plan of
-- that family). What is compared, goal_from / goal_to:
--   km_process, change_management: the plan's km_goal;
--   project_list: the plan's project names in seq order joined with ' | ' (these plans
--     have no goal; the list of projects is what changes from year to year, and a reader
--     sees which project came or went).
-- status is 'new' (no plan of the family in year_from), 'dropped' (none in year_to),
-- 'kept' (the texts are equal once whitespace is ignored and Buddhist-Era years are
-- masked: ประจำปี 2566 and ประจำปี 2567 are the same goal or project) or 'changed';
-- goal_similarity is 1 - the Levenshtein distance / the longer text's length, on the same
-- masked texts; stepN_start_shift and stepN_end_shift are the days between the two plans'
-- first start and last end of KM step N (NULL where either plan has no dated row of the
-- step, and always NULL for the families that have no steps).
CREATE OR REPLACE MACRO department_compare_years(years, org := NULL) AS TABLE
WITH docs AS (
    SELECT document_id, organization_key, organization, fiscal_year
    FROM year_documents
    WHERE (years IS NULL OR list_contains(years, fiscal_year))
      AND (org IS NULL OR organization_key = org)
),
pairs AS (
    SELECT * FROM (
        SELECT organization_key,
               fiscal_year AS year_from,
               document_id AS doc_from,
               lead(fiscal_year) OVER w AS year_to,
               lead(document_id) OVER w AS doc_to,
               lead(organization) OVER w AS organization
        FROM docs
        WINDOW w AS (PARTITION BY organization_key ORDER BY fiscal_year)
    )
    WHERE year_to IS NOT NULL
),
plan_units AS (
    SELECT document_id, department_key, plan_type, plan_no, department, km_goal
    FROM (
        SELECT k.document_id, k.department_key, k.plan_type, k.plan_no, k.department,
               k.km_goal,
               row_number() OVER (PARTITION BY k.document_id, k.department_key, k.plan_type
                                  ORDER BY k.plan_no) AS pick
        FROM plan_keys AS k
        WHERE k.document_id IN (SELECT document_id FROM docs)
    )
    WHERE pick = 1
),
projects AS (
    SELECT u.document_id, u.plan_no,
           string_agg(a.activity, ' | ' ORDER BY a.seq, a.row_no) AS names
    FROM plan_units AS u
    JOIN activities AS a ON a.document_id = u.document_id AND a.plan_no = u.plan_no
    WHERE u.plan_type = 'project_list'
    GROUP BY u.document_id, u.plan_no
),
units AS (
    SELECT *,
           regexp_replace(regexp_replace(goal, '\s+', '', 'g'), '25[0-9][0-9]', '#', 'g')
               AS goal_form
    FROM (
        SELECT u.document_id, u.department_key, u.plan_type, u.plan_no, u.department,
               CASE WHEN u.plan_type = 'project_list' THEN coalesce(p.names, '')
                    ELSE u.km_goal END AS goal
        FROM plan_units AS u
        LEFT JOIN projects AS p ON p.document_id = u.document_id AND p.plan_no = u.plan_no
    )
),
steps AS (
    SELECT a.document_id, a.plan_no,
           min(a.period_start) FILTER (WHERE a.step = 1) AS s1,
           max(a.period_end) FILTER (WHERE a.step = 1) AS e1,
           min(a.period_start) FILTER (WHERE a.step = 2) AS s2,
           max(a.period_end) FILTER (WHERE a.step = 2) AS e2,
           min(a.period_start) FILTER (WHERE a.step = 3) AS s3,
           max(a.period_end) FILTER (WHERE a.step = 3) AS e3,
           min(a.period_start) FILTER (WHERE a.step = 4) AS s4,
           max(a.period_end) FILTER (WHERE a.step = 4) AS e4,
           min(a.period_start) FILTER (WHERE a.step = 5) AS s5,
           max(a.period_end) FILTER (WHERE a.step = 5) AS e5,
           min(a.period_start) FILTER (WHERE a.step = 6) AS s6,
           max(a.period_end) FILTER (WHERE a.step = 6) AS e6,
           min(a.period_start) FILTER (WHERE a.step = 7) AS s7,
           max(a.period_end) FILTER (WHERE a.step = 7) AS e7
    FROM plan_units AS u
    JOIN activities AS a ON a.document_id = u.document_id AND a.plan_no = u.plan_no
    WHERE u.plan_type = 'km_process'
    GROUP BY a.document_id, a.plan_no
),
pair_units AS (
    SELECT p.*, u.department_key, u.plan_type
    FROM pairs AS p JOIN units AS u ON u.document_id = p.doc_from
    UNION
    SELECT p.*, u.department_key, u.plan_type
    FROM pairs AS p JOIN units AS u ON u.document_id = p.doc_to
),
sides AS (
    SELECT pu.*, f.department AS department_from, t.department AS department_to,
           f.goal AS goal_from, t.goal AS goal_to,
           f.goal_form AS form_from, t.goal_form AS form_to,
           f.plan_no AS plan_from, t.plan_no AS plan_to
    FROM pair_units AS pu
    LEFT JOIN units AS f
        ON f.document_id = pu.doc_from AND f.department_key = pu.department_key
       AND f.plan_type = pu.plan_type
    LEFT JOIN units AS t
        ON t.document_id = pu.doc_to AND t.department_key = pu.department_key
       AND t.plan_type = pu.plan_type
)
SELECT
    s.organization_key,
    s.organization,
    s.department_key,
    s.plan_type,
    s.year_from,
    s.year_to,
    CASE
        WHEN s.plan_from IS NULL THEN 'new'
        WHEN s.plan_to IS NULL THEN 'dropped'
        WHEN s.form_from = s.form_to THEN 'kept'
        ELSE 'changed'
    END AS status,
    s.department_from,
    s.department_to,
    s.goal_from,
    s.goal_to,
    CASE WHEN s.plan_from IS NOT NULL AND s.plan_to IS NOT NULL THEN
        round(1 - levenshtein(s.form_from, s.form_to)
                  / greatest(length(s.form_from), length(s.form_to), 1), 3)
    END AS goal_similarity,
    t.s1 - f.s1 AS step1_start_shift, t.e1 - f.e1 AS step1_end_shift,
    t.s2 - f.s2 AS step2_start_shift, t.e2 - f.e2 AS step2_end_shift,
    t.s3 - f.s3 AS step3_start_shift, t.e3 - f.e3 AS step3_end_shift,
    t.s4 - f.s4 AS step4_start_shift, t.e4 - f.e4 AS step4_end_shift,
    t.s5 - f.s5 AS step5_start_shift, t.e5 - f.e5 AS step5_end_shift,
    t.s6 - f.s6 AS step6_start_shift, t.e6 - f.e6 AS step6_end_shift,
    t.s7 - f.s7 AS step7_start_shift, t.e7 - f.e7 AS step7_end_shift,
    s.doc_from AS document_from,
    s.doc_to AS document_to
FROM sides AS s
LEFT JOIN steps AS f ON f.document_id = s.doc_from AND f.plan_no = s.plan_from
LEFT JOIN steps AS t ON t.document_id = s.doc_to AND t.plan_no = s.plan_to
-- families in the contract's order (the OPDC 7-step table first), not alphabetically
ORDER BY s.organization_key, s.year_from, s.department_key,
         list_position(['km_process', 'change_management', 'project_list'], s.plan_type);

-- Every consecutive pair of fiscal years held, for every organization.
CREATE OR REPLACE VIEW department_compare AS
SELECT * FROM department_compare_years(NULL);
