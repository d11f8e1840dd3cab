-- The plan audit (kmplan audit). The rules are rows of audit_rules, audit_items,
-- audit_messages and audit_years, filled from extract/vocab/audit_rules.json by
-- warehouse/audit.py; each check kind below is fixed SQL that reads them, so a rule is
-- data. {temp} is empty in the warehouse (views replaced on every writer open, like
-- views.sql) and TEMP on the connection of `kmplan audit`, which works read-only with the
-- rules of the kmplan that runs it: the same text either way.
--
-- Every check reports one row per subject (an activity row, a plan, a step pair or a
-- document) with a reason: 'pass', a violation, or a reason the rule could not be checked
-- because a value was not read (audit_messages.outcome says which). Rules read the
-- warehouse through views only: activity_rows, and the audit_documents / audit_plans
-- views defined here.

CREATE OR REPLACE {temp}TABLE audit_rules (
    rule_no        INTEGER NOT NULL,
    rule           VARCHAR NOT NULL,
    severity       VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    families       VARCHAR[] NOT NULL,
    document_kinds VARCHAR[] NOT NULL,
    column_name    VARCHAR,
    months         INTEGER,
    rules_version  INTEGER NOT NULL
);
CREATE OR REPLACE {temp}TABLE audit_items (
    rule     VARCHAR NOT NULL,
    item_no  INTEGER NOT NULL,
    key      VARCHAR NOT NULL,
    label_th VARCHAR NOT NULL,
    label_en VARCHAR NOT NULL
);
-- outcome: 'fail' (a violation) or 'unchecked' (the value the rule needs was not read).
CREATE OR REPLACE {temp}TABLE audit_messages (
    rule       VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    outcome    VARCHAR NOT NULL,
    message_th VARCHAR NOT NULL,
    message_en VARCHAR NOT NULL
);
CREATE OR REPLACE {temp}TABLE audit_years (
    year_basis  VARCHAR NOT NULL,
    start_month INTEGER NOT NULL,
    be_offset   INTEGER NOT NULL
);

CREATE OR REPLACE {temp}MACRO audit_blank(x) AS coalesce(trim(x), '') IN ('', '-', '–', '—');

CREATE OR REPLACE {temp}MACRO audit_text(template, items, text, start_on, end_on, year,
                                  year_start, year_end, on_date, limit_date, step,
                                  prev_step, prev_start, n) AS
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(template,
        '{items}', coalesce(items, '')), '{text}', coalesce(text, '')),
        '{start}', coalesce(start_on::VARCHAR, '')), '{end}', coalesce(end_on::VARCHAR, '')),
        '{year}', coalesce(year::VARCHAR, '')),
        '{year_start}', coalesce(year_start::VARCHAR, '')),
        '{year_end}', coalesce(year_end::VARCHAR, '')),
        '{date}', coalesce(on_date::VARCHAR, '')), '{limit}', coalesce(limit_date::VARCHAR, '')),
        '{step}', coalesce(step::VARCHAR, '')), '{prev_step}', coalesce(prev_step::VARCHAR, '')),
        '{prev_start}', coalesce(prev_start::VARCHAR, '')), '{count}', coalesce(n::VARCHAR, ''));

-- One row per document: its facts, its organization key (its printed name before keys are
-- assigned) and the first and last day of its fiscal or academic year.
CREATE OR REPLACE {temp}VIEW audit_documents AS
SELECT
    d.document_id,
    d.source_file,
    d.organization,
    coalesce(oa.organization_key, d.organization) AS organization_key,
    d.fiscal_year,
    d.year_basis,
    coalesce(d.document_kind, 'plan') AS document_kind,
    d.announced_on,
    d.signed_by,
    d.reference_no,
    len(d.damaged_pages) > 0 AS damaged,
    make_date(d.fiscal_year - y.be_offset, y.start_month, 1) AS year_start,
    (make_date(d.fiscal_year - y.be_offset, y.start_month, 1)
        + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE AS year_end
FROM documents AS d
LEFT JOIN organization_aliases AS oa ON oa.spelling = d.organization
LEFT JOIN audit_years AS y ON y.year_basis = d.year_basis;

-- One row per plan, with the steps and elements its rows hold and how many rows have none.
CREATE OR REPLACE {temp}VIEW audit_plans AS
SELECT
    p.document_id,
    p.plan_no,
    p.department,
    p.plan_type,
    p.km_goal,
    p.deliverable,
    p.page,
    coalesce(d.document_kind, 'plan') AS document_kind,
    coalesce(s.steps, []) AS steps,
    coalesce(s.elements, []) AS elements,
    coalesce(s.null_steps, 0) AS null_steps,
    coalesce(s.null_elements, 0) AS null_elements,
    coalesce(s.rows, 0) AS rows
FROM plans AS p
JOIN documents AS d ON d.document_id = p.document_id
LEFT JOIN (
    SELECT document_id, plan_no,
           list(DISTINCT step) FILTER (WHERE step IS NOT NULL) AS steps,
           list(DISTINCT element) FILTER (WHERE element IS NOT NULL) AS elements,
           count(*) FILTER (WHERE step IS NULL) AS null_steps,
           count(*) FILTER (WHERE element IS NULL) AS null_elements,
           count(*) AS rows
    FROM activity_rows
    GROUP BY document_id, plan_no
) AS s ON s.document_id = p.document_id AND s.plan_no = p.plan_no;

-- Documents the document-level rules look at: the families of their plans, and whether
-- any page was read by OCR or lost characters (then a fact not found may be unread).
CREATE OR REPLACE {temp}VIEW audit_document_plans AS
SELECT
    d.*,
    coalesce(t.plan_types, []) AS plan_types,
    d.damaged OR coalesce(t.ocr_rows, false) OR EXISTS (
        SELECT 1 FROM warnings AS w
        WHERE w.document_id = d.document_id AND starts_with(w.code, 'ocr-')
    ) AS read_in_doubt
FROM audit_documents AS d
LEFT JOIN (
    SELECT p.document_id, list(DISTINCT p.plan_type) AS plan_types,
           bool_or(p.ocr_rows) AS ocr_rows
    FROM (SELECT a.document_id, a.plan_type, a.ocr_confidence IS NOT NULL AS ocr_rows
          FROM activity_rows AS a
          UNION ALL
          SELECT q.document_id, q.plan_type, false FROM audit_plans AS q) AS p
    GROUP BY p.document_id
) AS t ON t.document_id = d.document_id;

CREATE OR REPLACE {temp}VIEW audit_check_rows AS
-- plan_covers: a plan holds every item (step 1-7, element 1-6) in one of its rows.
SELECT rule, document_id, plan_no, page,
       CASE WHEN items_th IS NULL THEN 'pass' WHEN unread > 0 THEN 'unread' ELSE 'missing' END
           AS reason,
       items_th, items_en, unread AS n
FROM (
    SELECT r.rule, p.document_id, p.plan_no, any_value(p.page) AS page,
           string_agg(i.label_th, ', ' ORDER BY i.item_no) FILTER (WHERE NOT list_contains(
               CASE r.column_name WHEN 'step' THEN p.steps ELSE p.elements END,
               TRY_CAST(i.key AS INTEGER))) AS items_th,
           string_agg(i.label_en, ', ' ORDER BY i.item_no) FILTER (WHERE NOT list_contains(
               CASE r.column_name WHEN 'step' THEN p.steps ELSE p.elements END,
               TRY_CAST(i.key AS INTEGER))) AS items_en,
           any_value(CASE r.column_name WHEN 'step' THEN p.null_steps ELSE p.null_elements END)
               AS unread
    FROM audit_rules AS r
    JOIN audit_plans AS p
        ON list_contains(r.families, p.plan_type) AND list_contains(r.document_kinds, p.document_kind)
    JOIN audit_items AS i ON i.rule = r.rule
    WHERE r.kind = 'plan_covers'
    GROUP BY r.rule, p.document_id, p.plan_no
)
UNION ALL BY NAME
-- row_filled: each listed cell of an activity row holds something (not blank, not a dash).
SELECT rule, document_id, plan_no, seq, row_no, page,
       CASE WHEN items_th IS NULL THEN 'pass' WHEN ocr THEN 'unread' ELSE 'missing' END AS reason,
       items_th, items_en
FROM (
    SELECT r.rule, a.document_id, a.plan_no, a.row_no, any_value(a.seq) AS seq,
           any_value(a.page) AS page, any_value(a.ocr_confidence) IS NOT NULL AS ocr,
           string_agg(i.label_th, ', ' ORDER BY i.item_no) FILTER (WHERE audit_blank(
               CASE i.key WHEN 'indicator' THEN a.indicator WHEN 'target' THEN a.target
                   WHEN 'responsible' THEN a.responsible WHEN 'status' THEN a.status
                   WHEN 'activity' THEN a.activity WHEN 'method' THEN a.method
                   WHEN 'period_text' THEN a.period_text END)) AS items_th,
           string_agg(i.label_en, ', ' ORDER BY i.item_no) FILTER (WHERE audit_blank(
               CASE i.key WHEN 'indicator' THEN a.indicator WHEN 'target' THEN a.target
                   WHEN 'responsible' THEN a.responsible WHEN 'status' THEN a.status
                   WHEN 'activity' THEN a.activity WHEN 'method' THEN a.method
                   WHEN 'period_text' THEN a.period_text END)) AS items_en
    FROM audit_rules AS r
    JOIN activity_rows AS a
        ON list_contains(r.families, a.plan_type)
        AND list_contains(r.document_kinds, coalesce(a.document_kind, 'plan'))
    JOIN audit_items AS i ON i.rule = r.rule
    WHERE r.kind = 'row_filled'
    GROUP BY r.rule, a.document_id, a.plan_no, a.row_no
)
UNION ALL BY NAME
-- row_measurable: a target states a percentage, a count or a comparator.
SELECT rule, document_id, plan_no, seq, row_no, page, text,
       CASE WHEN audit_blank(text) THEN 'no_target' WHEN measurable THEN 'pass'
            ELSE 'unmeasurable' END AS reason
FROM (
    SELECT r.rule, a.document_id, a.plan_no, a.row_no, any_value(a.seq) AS seq,
           any_value(a.page) AS page, any_value(a.target) AS text,
           bool_or(CASE i.key WHEN 'target_percent' THEN a.target_percent IS NOT NULL
                              WHEN 'target_count' THEN a.target_count IS NOT NULL
                              WHEN 'target_comparator' THEN a.target_comparator IS NOT NULL
                              ELSE false END) AS measurable
    FROM audit_rules AS r
    JOIN activity_rows AS a
        ON list_contains(r.families, a.plan_type)
        AND list_contains(r.document_kinds, coalesce(a.document_kind, 'plan'))
    JOIN audit_items AS i ON i.rule = r.rule
    WHERE r.kind = 'row_measurable'
    GROUP BY r.rule, a.document_id, a.plan_no, a.row_no
)
UNION ALL BY NAME
-- period_in_year: the period was read and lies inside the plan's fiscal or academic year.
SELECT r.rule, a.document_id, a.plan_no, a.seq, a.row_no, a.page, a.period_text AS text,
       a.period_start AS start_on, a.period_end AS end_on, y.year_start, y.year_end,
       CASE WHEN audit_blank(a.period_text) THEN 'blank'
            WHEN a.period_start IS NULL OR a.period_end IS NULL THEN 'unread'
            WHEN y.year_start IS NULL THEN 'no_year'
            WHEN a.period_start >= y.year_start AND a.period_end <= y.year_end THEN 'pass'
            ELSE 'outside' END AS reason
FROM audit_rules AS r
JOIN activity_rows AS a
    ON list_contains(r.families, a.plan_type)
    AND list_contains(r.document_kinds, coalesce(a.document_kind, 'plan'))
JOIN audit_documents AS y ON y.document_id = a.document_id
WHERE r.kind = 'period_in_year'
UNION ALL BY NAME
-- step_order: each step's earliest start is not before the previous step's earliest start
-- (rows without a step have no place in the order; step_covers reports them).
SELECT r.rule, s.document_id, s.plan_no, s.seq, s.row_no, s.page,
       s.step, b.step AS prev_step, s.first_start AS start_on, b.first_start AS prev_start,
       CASE WHEN NOT s.dated OR NOT b.dated THEN 'unread'
            WHEN s.first_start < b.first_start THEN 'early' ELSE 'pass' END AS reason
FROM audit_rules AS r
JOIN (
    SELECT document_id, plan_no, plan_type, document_kind, step,
           min(period_start) AS first_start, bool_and(period_start IS NOT NULL) AS dated,
           arg_min(seq, pick) AS seq, arg_min(row_no, pick) AS row_no,
           arg_min(page, pick) AS page
    FROM (SELECT *, row_number() OVER (PARTITION BY document_id, plan_no, step
                                       ORDER BY period_start NULLS LAST, seq, row_no) AS pick
          FROM activity_rows WHERE step IS NOT NULL)
    GROUP BY document_id, plan_no, plan_type, document_kind, step
) AS s
    ON list_contains(r.families, s.plan_type)
    AND list_contains(r.document_kinds, coalesce(s.document_kind, 'plan'))
JOIN (
    SELECT document_id, plan_no, step, min(period_start) AS first_start,
           bool_and(period_start IS NOT NULL) AS dated
    FROM activity_rows WHERE step IS NOT NULL
    GROUP BY document_id, plan_no, step
) AS b ON b.document_id = s.document_id AND b.plan_no = s.plan_no AND b.step = s.step - 1
WHERE r.kind = 'step_order'
UNION ALL BY NAME
-- plan_filled: the plan's header states each listed field.
SELECT rule, document_id, plan_no, page,
       CASE WHEN items_th IS NULL THEN 'pass' ELSE 'missing' END AS reason, items_th, items_en
FROM (
    SELECT r.rule, p.document_id, p.plan_no, any_value(p.page) AS page,
           string_agg(i.label_th, ', ' ORDER BY i.item_no) FILTER (WHERE audit_blank(
               CASE i.key WHEN 'km_goal' THEN p.km_goal WHEN 'deliverable' THEN p.deliverable
               END)) AS items_th,
           string_agg(i.label_en, ', ' ORDER BY i.item_no) FILTER (WHERE audit_blank(
               CASE i.key WHEN 'km_goal' THEN p.km_goal WHEN 'deliverable' THEN p.deliverable
               END)) AS items_en
    FROM audit_rules AS r
    JOIN audit_plans AS p
        ON list_contains(r.families, p.plan_type) AND list_contains(r.document_kinds, p.document_kind)
    JOIN audit_items AS i ON i.rule = r.rule
    WHERE r.kind = 'plan_filled'
    GROUP BY r.rule, p.document_id, p.plan_no
)
UNION ALL BY NAME
-- year_has_family: the organization also has a plan of each listed family for the year
-- (in any of its documents of that year and of the rule's document kinds).
SELECT rule, document_id,
       CASE WHEN no_year THEN 'no_year' WHEN items_th IS NULL THEN 'pass' ELSE 'absent' END
           AS reason,
       items_th, items_en
FROM (
    SELECT r.rule, d.document_id, any_value(d.organization_key IS NULL OR d.fiscal_year IS NULL)
               AS no_year,
           string_agg(i.label_th, ', ' ORDER BY i.item_no) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM audit_documents AS o JOIN audit_plans AS q ON q.document_id = o.document_id
               WHERE o.organization_key = d.organization_key AND o.fiscal_year = d.fiscal_year
                 AND o.year_basis = d.year_basis AND q.plan_type = i.key
                 AND list_contains(r.document_kinds, o.document_kind))) AS items_th,
           string_agg(i.label_en, ', ' ORDER BY i.item_no) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM audit_documents AS o JOIN audit_plans AS q ON q.document_id = o.document_id
               WHERE o.organization_key = d.organization_key AND o.fiscal_year = d.fiscal_year
                 AND o.year_basis = d.year_basis AND q.plan_type = i.key
                 AND list_contains(r.document_kinds, o.document_kind))) AS items_en
    FROM audit_rules AS r
    JOIN audit_document_plans AS d
        ON list_has_any(r.families, d.plan_types) AND list_contains(r.document_kinds, d.document_kind)
    JOIN audit_items AS i ON i.rule = r.rule
    WHERE r.kind = 'year_has_family'
    GROUP BY r.rule, d.document_id
)
UNION ALL BY NAME
-- document_filled: the announcement's listed facts (date, signer ...) were found.
SELECT rule, document_id,
       CASE WHEN items_th IS NULL THEN 'pass' WHEN doubt THEN 'unread' ELSE 'missing' END
           AS reason,
       items_th, items_en
FROM (
    SELECT r.rule, d.document_id, any_value(d.read_in_doubt) AS doubt,
           string_agg(i.label_th, ', ' ORDER BY i.item_no) FILTER (WHERE audit_blank(
               CASE i.key WHEN 'announced_on' THEN d.announced_on::VARCHAR
                   WHEN 'signed_by' THEN d.signed_by WHEN 'reference_no' THEN d.reference_no
               END)) AS items_th,
           string_agg(i.label_en, ', ' ORDER BY i.item_no) FILTER (WHERE audit_blank(
               CASE i.key WHEN 'announced_on' THEN d.announced_on::VARCHAR
                   WHEN 'signed_by' THEN d.signed_by WHEN 'reference_no' THEN d.reference_no
               END)) AS items_en
    FROM audit_rules AS r
    JOIN audit_document_plans AS d
        ON list_has_any(r.families, d.plan_types) AND list_contains(r.document_kinds, d.document_kind)
    JOIN audit_items AS i ON i.rule = r.rule
    WHERE r.kind = 'document_filled'
    GROUP BY r.rule, d.document_id
)
UNION ALL BY NAME
-- document_timely: announced within the first `months` months of the plan's year.
SELECT r.rule, d.document_id, d.announced_on AS on_date,
       (d.year_start + to_months(r.months) - INTERVAL 1 DAY)::DATE AS limit_date,
       CASE WHEN d.year_start IS NULL THEN 'no_year'
            WHEN d.announced_on IS NULL THEN 'undated'
            WHEN d.announced_on > d.year_start + to_months(r.months) - INTERVAL 1 DAY THEN 'late'
            ELSE 'pass' END AS reason
FROM audit_rules AS r
JOIN audit_document_plans AS d
    ON list_has_any(r.families, d.plan_types) AND list_contains(r.document_kinds, d.document_kind)
WHERE r.kind = 'document_timely'
UNION ALL BY NAME
-- row_status_due: an activity whose period ended before the report's date is not still in
-- one of the listed statuses (not_started). Rows ending on or after the date are not checked.
SELECT r.rule, a.document_id, a.plan_no, a.seq, a.row_no, a.page, a.period_end AS end_on,
       a.announced_on AS on_date, i.label_th AS items_th, i.label_en AS items_en,
       CASE WHEN a.period_end IS NULL OR a.announced_on IS NULL THEN 'unread'
            WHEN a.period_end >= a.announced_on THEN NULL
            WHEN a.status IS NULL THEN 'unread'
            WHEN i.key IS NOT NULL THEN 'overdue' ELSE 'pass' END AS reason
FROM audit_rules AS r
JOIN activity_rows AS a
    ON list_contains(r.families, a.plan_type)
    AND list_contains(r.document_kinds, coalesce(a.document_kind, 'plan'))
LEFT JOIN audit_items AS i ON i.rule = r.rule AND i.key = a.status
WHERE r.kind = 'row_status_due';

-- Every check of every subject, with the document, plan and rule it concerns; outcome is
-- 'pass', 'fail' or 'unchecked' (a value the rule needs was not read).
CREATE OR REPLACE {temp}VIEW plan_checks AS
SELECT
    d.organization,
    d.fiscal_year,
    p.department,
    c.plan_no,
    p.plan_type,
    c.rule,
    CASE m.outcome WHEN 'unchecked' THEN 'info' ELSE r.severity END AS severity,
    coalesce(m.outcome, 'pass') AS outcome,
    audit_text(m.message_th, c.items_th, c.text, c.start_on, c.end_on, d.fiscal_year,
               c.year_start, c.year_end, c.on_date, c.limit_date, c.step, c.prev_step,
               c.prev_start, c.n) AS message,
    audit_text(m.message_en, c.items_en, c.text, c.start_on, c.end_on, d.fiscal_year,
               c.year_start, c.year_end, c.on_date, c.limit_date, c.step, c.prev_step,
               c.prev_start, c.n) AS message_en,
    c.page,
    c.seq,
    c.row_no,
    d.source_file,
    d.document_id,
    d.organization_key,
    d.year_basis,
    d.document_kind,
    r.rule_no,
    c.reason
FROM audit_check_rows AS c
JOIN audit_rules AS r ON r.rule = c.rule
JOIN audit_documents AS d ON d.document_id = c.document_id
LEFT JOIN plans AS p ON p.document_id = c.document_id AND p.plan_no = c.plan_no
LEFT JOIN audit_messages AS m ON m.rule = c.rule AND m.reason = c.reason
WHERE c.reason IS NOT NULL;

-- What an assessor reads: every check that did not pass, in the order kmplan audit prints.
CREATE OR REPLACE {temp}VIEW plan_findings AS
SELECT organization, fiscal_year, department, plan_no, plan_type, rule, severity, outcome,
       message, message_en, page, seq, row_no, source_file, document_id, organization_key,
       year_basis, document_kind, rule_no
FROM plan_checks
WHERE outcome <> 'pass';
