-- kmplan warehouse schema. Applied on every writer open, after the file was recognized as a
-- kmplan warehouse and migrated to SCHEMA_VERSION (warehouse/connection.py): every statement
-- is idempotent. A change of shape is a numbered step in warehouse/migrations as well.
-- The CHECKs mirror /work/shared/contract/activity-row.schema.json so that a row the
-- warehouse accepts is a row the export contract accepts.
-- Columns element, target_group, budget_baht, tacit_knowledge, explicit_knowledge and
-- year_basis belong to the non-KM-process plan families of the contract
-- (extract/vocab/families).
-- No FOREIGN KEYs between the document tables (since schema version 4): DuckDB refuses to
-- delete a referenced row in the transaction that deleted the rows referencing it, so a
-- document's rows could not be replaced in one transaction (kmplan reprocess). Every
-- document is written whole in one transaction by warehouse/load.py, which keeps plans,
-- activities, warnings and repairs pointing at their document.

CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER   NOT NULL,
    applied_at TIMESTAMP NOT NULL
);

-- What the file is (warehouse/identity.py): one row, the application and the schema version.
CREATE TABLE IF NOT EXISTS kmplan_meta (
    application_id VARCHAR   NOT NULL,
    schema_version INTEGER   NOT NULL,
    created_at     TIMESTAMP NOT NULL,  -- UTC
    updated_at     TIMESTAMP NOT NULL   -- UTC, the last migration
);

CREATE TABLE IF NOT EXISTS documents (
    document_id    VARCHAR   PRIMARY KEY
                             CHECK (regexp_full_match(document_id, '[0-9a-f]{64}')),
    source_file    VARCHAR   NOT NULL,
    page_count     INTEGER   NOT NULL CHECK (page_count >= 1),
    -- NULL when the document prints none and ingest was given none (contract v2, "Missing
    -- metadata"); warehouses made before are rebuilt by migration step 3 (warehouse/migrations/).
    organization   VARCHAR   CHECK (organization <> ''),
    fiscal_year    INTEGER   CHECK (fiscal_year BETWEEN 2500 AND 2700),
    year_basis     VARCHAR   NOT NULL DEFAULT 'fiscal'
                             CHECK (year_basis IN ('fiscal', 'academic')),
    announced_on   DATE,
    reference_no   VARCHAR,
    signed_by      VARCHAR,
    -- characters changed by glyph repair per extracted character (kmplan inspect shows them)
    repair_share   DOUBLE    NOT NULL DEFAULT 0 CHECK (repair_share >= 0),
    -- pages whose text layer lost characters (restored from a dictionary; OCR candidates)
    damaged_pages  INTEGER[] NOT NULL DEFAULT [],
    kmplan_version VARCHAR   NOT NULL,
    ingested_at    TIMESTAMP NOT NULL  -- UTC
);

CREATE TABLE IF NOT EXISTS plans (
    document_id VARCHAR NOT NULL,
    plan_no     INTEGER NOT NULL CHECK (plan_no >= 1),
    department  VARCHAR CHECK (department <> ''),  -- NULL: no unit and no organization
    km_goal     VARCHAR NOT NULL,
    deliverable VARCHAR,
    page        INTEGER NOT NULL CHECK (page >= 1),
    plan_type   VARCHAR NOT NULL DEFAULT 'km_process'
                        CHECK (plan_type IN ('km_process', 'change_management', 'project_list')),
    PRIMARY KEY (document_id, plan_no)
);

CREATE TABLE IF NOT EXISTS activities (
    document_id        VARCHAR NOT NULL,
    plan_no            INTEGER NOT NULL,
    row_no             INTEGER NOT NULL CHECK (row_no >= 1),
    seq                INTEGER NOT NULL CHECK (seq >= 1),
    step               INTEGER CHECK (step BETWEEN 1 AND 7),
    element            INTEGER CHECK (element BETWEEN 1 AND 6),
    activity           VARCHAR NOT NULL,
    method             VARCHAR NOT NULL,
    period_text        VARCHAR NOT NULL,
    period_start       DATE,
    period_end         DATE,
    indicator          VARCHAR NOT NULL,
    target             VARCHAR NOT NULL,
    target_percent     DOUBLE  CHECK (isfinite(target_percent) AND target_percent >= 0),
    target_group       VARCHAR,
    budget_baht        DOUBLE  CHECK (isfinite(budget_baht) AND budget_baht >= 0),
    tacit_knowledge    VARCHAR,
    explicit_knowledge VARCHAR,
    target_comparator  VARCHAR CHECK (target_comparator IN ('gt', 'gte', 'lt', 'lte', 'eq')),
    target_count       DOUBLE  CHECK (isfinite(target_count) AND target_count >= 0),
    target_unit        VARCHAR,
    responsible        VARCHAR NOT NULL,
    note               VARCHAR,
    page               INTEGER NOT NULL CHECK (page >= 1),
    -- rows read by OCR: the lowest word confidence (0-100) of the row's cells
    ocr_confidence     DOUBLE  CHECK (ocr_confidence BETWEEN 0 AND 100),
    PRIMARY KEY (document_id, plan_no, row_no)
);

-- Warehouses made before OCR (issue 4) get the column too.
ALTER TABLE activities ADD COLUMN IF NOT EXISTS ocr_confidence DOUBLE;
-- Cells under printed headers no plan family names, as a JSON object {header: text}
-- (NULL when every column was mapped); `kmplan inspect` shows them.
ALTER TABLE activities ADD COLUMN IF NOT EXISTS extra_columns VARCHAR;
-- What decided plans.plan_type: columns, title, row names or default; the title line
-- and a project list's approval note as printed.
ALTER TABLE plans ADD COLUMN IF NOT EXISTS family_basis VARCHAR;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS title VARCHAR;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS approval_note VARCHAR;
-- Contract v2: results reports beside action plans, with what was done and its status.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS document_kind VARCHAR DEFAULT 'plan';
ALTER TABLE activities ADD COLUMN IF NOT EXISTS result_text VARCHAR;
ALTER TABLE activities ADD COLUMN IF NOT EXISTS status VARCHAR;
-- Schema version 4 (kmplan reprocess): the parser that made the document's rows
-- (normalize.fingerprint; NULL: loaded before fingerprints were recorded, read as older)
-- and the file's absolute path when it was loaded (NULL before; ingest_run_files.path
-- is then the hint), where reprocess reads it again if its sha256 still matches.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS parser_fingerprint VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_path VARCHAR;

CREATE TABLE IF NOT EXISTS warnings (
    document_id VARCHAR NOT NULL,
    warning_no  INTEGER NOT NULL CHECK (warning_no >= 1),
    code        VARCHAR NOT NULL,
    message     VARCHAR NOT NULL,
    page        INTEGER,
    plan_no     INTEGER,
    seq         INTEGER,
    field       VARCHAR,
    PRIMARY KEY (document_id, warning_no)
);

-- Text fields whose printed characters were repaired (private-use glyphs, decomposed
-- sara am, marks out of order ...): what was extracted and what was stored.
CREATE TABLE IF NOT EXISTS repairs (
    document_id   VARCHAR   NOT NULL,
    repair_no     INTEGER   NOT NULL CHECK (repair_no >= 1),
    page          INTEGER,
    plan_no       INTEGER,
    seq           INTEGER,
    field         VARCHAR   NOT NULL,
    kinds         VARCHAR[] NOT NULL,
    printed       VARCHAR   NOT NULL,
    repaired      VARCHAR   NOT NULL,
    changed_chars INTEGER   NOT NULL CHECK (changed_chars >= 0),
    PRIMARY KEY (document_id, repair_no)
);

-- Ingest runs (resumable batches): one row per `kmplan ingest` run, and one row per file
-- of the run with its outcome. A run killed mid-way keeps status 'running' and no
-- finished_at; rerunning the same command skips the documents already loaded.
CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id         VARCHAR   PRIMARY KEY,
    started_at     TIMESTAMP NOT NULL,  -- UTC
    finished_at    TIMESTAMP,           -- UTC; NULL while running or after a kill
    status         VARCHAR   NOT NULL
                             CHECK (status IN ('running', 'finished', 'interrupted', 'failed')),
    executor       VARCHAR   NOT NULL,
    workers        INTEGER,
    inputs         VARCHAR   NOT NULL,  -- the paths given, as typed
    kmplan_version VARCHAR   NOT NULL
);

-- Schema version 4: what the run was (ingest, or reprocess: its files in reprocess_run_files).
ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS command VARCHAR DEFAULT 'ingest';

CREATE TABLE IF NOT EXISTS ingest_run_files (
    run_id         VARCHAR   NOT NULL,
    file_no        INTEGER   NOT NULL CHECK (file_no >= 1),
    path           VARCHAR   NOT NULL,
    sha256         VARCHAR,
    status         VARCHAR   NOT NULL
                             CHECK (status IN ('ingested', 'already-present', 'failed')),
    error          VARCHAR,
    pages          INTEGER   NOT NULL DEFAULT 0,
    activities     INTEGER   NOT NULL DEFAULT 0,
    warnings       INTEGER   NOT NULL DEFAULT 0,
    work_seconds   DOUBLE,              -- extract + normalize in the worker
    load_seconds   DOUBLE,              -- the warehouse transaction
    started_at     TIMESTAMP,           -- UTC, when the file was sent to a worker
    finished_at    TIMESTAMP NOT NULL,  -- UTC
    kmplan_version VARCHAR   NOT NULL,
    PRIMARY KEY (run_id, file_no)
);

-- One row per document a `kmplan reprocess` run looked at, and what became of it:
-- 'reprocessed' (rows replaced, some changed), 'unchanged' (re-read, the same rows),
-- 'skipped' (its file moved or changed) or 'failed' (the old rows are kept).
CREATE TABLE IF NOT EXISTS reprocess_run_files (
    run_id         VARCHAR   NOT NULL,
    file_no        INTEGER   NOT NULL CHECK (file_no >= 1),
    document_id    VARCHAR,             -- the file's sha256; NULL when it could not be read
    path           VARCHAR,
    status         VARCHAR   NOT NULL
                             CHECK (status IN ('reprocessed', 'unchanged', 'skipped', 'failed')),
    error          VARCHAR,
    rows_added     INTEGER   NOT NULL DEFAULT 0,
    rows_removed   INTEGER   NOT NULL DEFAULT 0,
    rows_changed   INTEGER   NOT NULL DEFAULT 0,
    fields_changed INTEGER   NOT NULL DEFAULT 0,
    old_kmplan_version     VARCHAR,
    old_parser_fingerprint VARCHAR,
    finished_at    TIMESTAMP NOT NULL,  -- UTC
    kmplan_version VARCHAR   NOT NULL,
    PRIMARY KEY (run_id, file_no)
);

-- Stable identities across years (warehouse/departments.py). The same organization
-- and department are printed differently from year to year; each printed spelling maps to
-- a key. Keys are assigned when a document is loaded and are never recomputed: a user's
-- correction (`kmplan departments merge` / `split`, source 'user') survives re-ingest.
CREATE TABLE IF NOT EXISTS organization_aliases (
    spelling         VARCHAR   PRIMARY KEY,  -- documents.organization as stored
    organization_key VARCHAR   NOT NULL CHECK (organization_key <> ''),
    source           VARCHAR   NOT NULL CHECK (source IN ('auto', 'user')),
    assigned_at      TIMESTAMP NOT NULL      -- UTC
);

CREATE TABLE IF NOT EXISTS department_aliases (
    organization_key VARCHAR   NOT NULL,
    spelling         VARCHAR   NOT NULL,     -- plans.department as stored
    normalized       VARCHAR   NOT NULL,     -- what similarity compares (see departments.py)
    department_key   VARCHAR   NOT NULL CHECK (department_key <> ''),
    source           VARCHAR   NOT NULL CHECK (source IN ('auto', 'user')),
    assigned_at      TIMESTAMP NOT NULL,     -- UTC
    PRIMARY KEY (organization_key, spelling)
);
