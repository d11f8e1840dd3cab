-- kmplan warehouse schema. Applied on every writer open: every statement is idempotent.
-- The CHECKs mirror /work/shared/contract/activity-row.schema.json so that a row the
-- warehouse accepts is a row the export contract accepts.
-- Columns element, target_group, budget_baht, tacit_knowledge, explicit_knowledge and
-- year_basis belong to the non-KM-process plan families of the contract; they stay at
-- their defaults (NULL, 'fiscal') until the normalize models carry them.

CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER   NOT NULL,
    applied_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    document_id    VARCHAR   PRIMARY KEY
                             CHECK (regexp_full_match(document_id, '[0-9a-f]{64}')),
    source_file    VARCHAR   NOT NULL,
    page_count     INTEGER   NOT NULL CHECK (page_count >= 1),
    organization   VARCHAR   NOT NULL CHECK (organization <> ''),
    fiscal_year    INTEGER   NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),
    year_basis     VARCHAR   NOT NULL DEFAULT 'fiscal'
                             CHECK (year_basis IN ('fiscal', 'academic')),
    announced_on   DATE,
    reference_no   VARCHAR,
    signed_by      VARCHAR,
    kmplan_version VARCHAR   NOT NULL,
    ingested_at    TIMESTAMP NOT NULL  -- UTC
);

CREATE TABLE IF NOT EXISTS plans (
    document_id VARCHAR NOT NULL REFERENCES documents (document_id),
    plan_no     INTEGER NOT NULL CHECK (plan_no >= 1),
    department  VARCHAR NOT NULL CHECK (department <> ''),
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
    responsible        VARCHAR NOT NULL,
    note               VARCHAR,
    page               INTEGER NOT NULL CHECK (page >= 1),
    PRIMARY KEY (document_id, plan_no, row_no),
    FOREIGN KEY (document_id, plan_no) REFERENCES plans (document_id, plan_no)
);

CREATE TABLE IF NOT EXISTS warnings (
    document_id VARCHAR NOT NULL REFERENCES documents (document_id),
    warning_no  INTEGER NOT NULL CHECK (warning_no >= 1),
    code        VARCHAR NOT NULL,
    message     VARCHAR NOT NULL,
    page        INTEGER,
    plan_no     INTEGER,
    seq         INTEGER,
    field       VARCHAR,
    PRIMARY KEY (document_id, warning_no)
);
