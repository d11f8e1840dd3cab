CREATE TABLE department_aliases(organization_key VARCHAR, spelling VARCHAR, normalized VARCHAR NOT NULL, department_key VARCHAR NOT NULL, "source" VARCHAR NOT NULL, assigned_at TIMESTAMP NOT NULL, CHECK((department_key != '')), CHECK(("source" IN ('auto', 'user'))), PRIMARY KEY(organization_key, spelling));
CREATE TABLE documents(document_id VARCHAR PRIMARY KEY, source_file VARCHAR NOT NULL, page_count INTEGER NOT NULL, organization VARCHAR NOT NULL, fiscal_year INTEGER NOT NULL, year_basis VARCHAR DEFAULT('fiscal') NOT NULL, announced_on DATE, reference_no VARCHAR, signed_by VARCHAR, repair_share DOUBLE DEFAULT(0) NOT NULL, damaged_pages INTEGER[] DEFAULT(list_value()) NOT NULL, kmplan_version VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL, document_kind VARCHAR DEFAULT('plan'), CHECK(regexp_full_match(document_id, '[0-9a-f]{64}')), CHECK((page_count >= 1)), CHECK((organization != '')), CHECK((fiscal_year BETWEEN 2500 AND 2700)), CHECK((year_basis IN ('fiscal', 'academic'))), CHECK((repair_share >= 0)));
CREATE TABLE ingest_runs(run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, status VARCHAR NOT NULL, executor VARCHAR NOT NULL, workers INTEGER, inputs VARCHAR NOT NULL, kmplan_version VARCHAR NOT NULL, CHECK((status IN ('running', 'finished', 'interrupted', 'failed'))));
CREATE TABLE ingest_run_files(run_id VARCHAR, file_no INTEGER, path VARCHAR NOT NULL, sha256 VARCHAR, status VARCHAR NOT NULL, "error" VARCHAR, pages INTEGER DEFAULT(0) NOT NULL, activities INTEGER DEFAULT(0) NOT NULL, warnings INTEGER DEFAULT(0) NOT NULL, work_seconds DOUBLE, load_seconds DOUBLE, started_at TIMESTAMP, finished_at TIMESTAMP NOT NULL, kmplan_version VARCHAR NOT NULL, CHECK((file_no >= 1)), CHECK((status IN ('ingested', 'already-present', 'failed'))), PRIMARY KEY(run_id, file_no));
CREATE TABLE organization_aliases(spelling VARCHAR PRIMARY KEY, organization_key VARCHAR NOT NULL, "source" VARCHAR NOT NULL, assigned_at TIMESTAMP NOT NULL, CHECK((organization_key != '')), CHECK(("source" IN ('auto', 'user'))));
CREATE TABLE schema_version("version" INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL);
CREATE TABLE "plans"(document_id VARCHAR, plan_no INTEGER, department VARCHAR NOT NULL, km_goal VARCHAR NOT NULL, deliverable VARCHAR, page INTEGER NOT NULL, plan_type VARCHAR DEFAULT('km_process') NOT NULL, family_basis VARCHAR, title VARCHAR, approval_note VARCHAR, FOREIGN KEY (document_id) REFERENCES documents(document_id), CHECK((plan_no >= 1)), CHECK((department != '')), CHECK((page >= 1)), CHECK((plan_type IN ('km_process', 'change_management', 'project_list'))), PRIMARY KEY(document_id, plan_no));
CREATE TABLE repairs(document_id VARCHAR, repair_no INTEGER, page INTEGER, plan_no INTEGER, seq INTEGER, field VARCHAR NOT NULL, kinds VARCHAR[] NOT NULL, printed VARCHAR NOT NULL, repaired VARCHAR NOT NULL, changed_chars INTEGER NOT NULL, FOREIGN KEY (document_id) REFERENCES documents(document_id), CHECK((repair_no >= 1)), CHECK((changed_chars >= 0)), PRIMARY KEY(document_id, repair_no));
CREATE TABLE warnings(document_id VARCHAR, warning_no INTEGER, code VARCHAR NOT NULL, message VARCHAR NOT NULL, page INTEGER, plan_no INTEGER, seq INTEGER, field VARCHAR, FOREIGN KEY (document_id) REFERENCES documents(document_id), CHECK((warning_no >= 1)), PRIMARY KEY(document_id, warning_no));
CREATE TABLE activities(document_id VARCHAR, plan_no INTEGER, row_no INTEGER, seq INTEGER NOT NULL, step INTEGER, element INTEGER, activity VARCHAR NOT NULL, "method" VARCHAR NOT NULL, period_text VARCHAR NOT NULL, period_start DATE, period_end DATE, indicator VARCHAR NOT NULL, "target" VARCHAR NOT NULL, target_percent DOUBLE, target_group VARCHAR, budget_baht DOUBLE, tacit_knowledge VARCHAR, explicit_knowledge VARCHAR, target_comparator VARCHAR, target_count DOUBLE, target_unit VARCHAR, responsible VARCHAR NOT NULL, note VARCHAR, page INTEGER NOT NULL, ocr_confidence DOUBLE, extra_columns VARCHAR, result_text VARCHAR, status VARCHAR, CHECK((row_no >= 1)), CHECK((seq >= 1)), CHECK((step BETWEEN 1 AND 7)), CHECK((element BETWEEN 1 AND 6)), CHECK((isfinite(target_percent) AND (target_percent >= 0))), CHECK((isfinite(budget_baht) AND (budget_baht >= 0))), CHECK((target_comparator IN ('gt', 'gte', 'lt', 'lte', 'eq'))), CHECK((isfinite(target_count) AND (target_count >= 0))), CHECK((page >= 1)), CHECK((ocr_confidence BETWEEN 0 AND 100)), PRIMARY KEY(document_id, plan_no, row_no), FOREIGN KEY (document_id, plan_no) REFERENCES "plans"(document_id, plan_no));

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

-- The document that stands for each organization and fiscal year when years are compared:
-- the latest announced, then the latest ingested (a re-issued plan replaces the first).
-- year_basis tells whether fiscal_year is a fiscal or an academic year (the report lays
-- its timeline out by it).
CREATE OR REPLACE VIEW year_documents AS
SELECT document_id, organization_key, organization, fiscal_year, source_file, announced_on,
       year_basis
FROM (
    SELECT d.document_id, oa.organization_key, d.organization, d.fiscal_year, d.source_file,
           d.announced_on, d.year_basis,
           row_number() OVER (
               PARTITION BY oa.organization_key, d.fiscal_year
               ORDER BY d.announced_on DESC NULLS LAST, d.ingested_at DESC, d.document_id
           ) AS pick
    FROM documents AS d
    JOIN organization_aliases AS oa ON oa.spelling = d.organization
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
