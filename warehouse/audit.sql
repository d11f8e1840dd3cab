-- The plan audit (kmplan audit). The rules are rows of audit_rules, audit_items,
-- audit_messages, audit_item_sets and audit_years, filled from
-- extract/vocab/audit_rules.json by warehouse/audit_install.py; each check kind below is
-- fixed SQL that reads them, so a rule is data. {temp} is empty in the warehouse (installed
-- on a writer open, like views.sql, unless audit_installed shows it is there already) and
-- TEMP on the connection of `kmplan audit`, which works read-only with the rules of the
-- kmplan that runs it: the same text either way.
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
    item_keys      VARCHAR[] NOT NULL,  -- the keys of audit_items, in item_no order
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
    message_en VARCHAR NOT NULL,
    parts_th   VARCHAR[] NOT NULL,  -- the texts split at their placeholders (audit_text)
    parts_en   VARCHAR[] NOT NULL
);
-- The labels of every set of a rule's items, by bit mask (bit n-1: item n): a check
-- reports which items it missed as a mask, and the message names them from here.
CREATE OR REPLACE {temp}TABLE audit_item_sets (
    rule     VARCHAR NOT NULL,
    mask     BIGINT  NOT NULL,
    items_th VARCHAR NOT NULL,
    items_en VARCHAR NOT NULL
);
CREATE OR REPLACE {temp}TABLE audit_years (
    year_basis  VARCHAR NOT NULL,
    start_month INTEGER NOT NULL,
    be_offset   INTEGER NOT NULL
);

CREATE OR REPLACE {temp}MACRO audit_blank(x) AS coalesce(trim(x), '') IN ('', '-', '–', '—');

-- The value a message's {name} stands for ('' for none, or when the value is NULL).
CREATE OR REPLACE {temp}MACRO audit_value(name, items, text, start_on, end_on, year,
                                   year_start, year_end, on_date, limit_date, step,
                                   prev_step, prev_start, n) AS
    coalesce(CASE name
        WHEN 'items' THEN items WHEN 'text' THEN text
        WHEN 'start' THEN start_on::VARCHAR WHEN 'end' THEN end_on::VARCHAR
        WHEN 'year' THEN year::VARCHAR WHEN 'year_start' THEN year_start::VARCHAR
        WHEN 'year_end' THEN year_end::VARCHAR WHEN 'date' THEN on_date::VARCHAR
        WHEN 'limit' THEN limit_date::VARCHAR WHEN 'step' THEN step::VARCHAR
        WHEN 'prev_step' THEN prev_step::VARCHAR WHEN 'prev_start' THEN prev_start::VARCHAR
        WHEN 'count' THEN n::VARCHAR END, '');

-- A message from its parts (audit_install.py splits each text at its placeholders:
-- text, name, text, name ... 13 parts, at most 6 names): one concatenation a finding,
-- where replacing every placeholder in turn copied the text each time.
CREATE OR REPLACE {temp}MACRO audit_text(parts, items, text, start_on, end_on, year,
                                  year_start, year_end, on_date, limit_date, step,
                                  prev_step, prev_start, n) AS
    parts[1]
    || audit_value(parts[2], items, text, start_on, end_on, year, year_start, year_end,
                   on_date, limit_date, step, prev_step, prev_start, n) || parts[3]
    || audit_value(parts[4], items, text, start_on, end_on, year, year_start, year_end,
                   on_date, limit_date, step, prev_step, prev_start, n) || parts[5]
    || audit_value(parts[6], items, text, start_on, end_on, year, year_start, year_end,
                   on_date, limit_date, step, prev_step, prev_start, n) || parts[7]
    || audit_value(parts[8], items, text, start_on, end_on, year, year_start, year_end,
                   on_date, limit_date, step, prev_step, prev_start, n) || parts[9]
    || audit_value(parts[10], items, text, start_on, end_on, year, year_start, year_end,
                   on_date, limit_date, step, prev_step, prev_start, n) || parts[11]
    || audit_value(parts[12], items, text, start_on, end_on, year, year_start, year_end,
                   on_date, limit_date, step, prev_step, prev_start, n) || parts[13];

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
        + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE AS year_end,
    -- Integer sort and group keys: findings are ordered by document, and the summary is
    -- grouped by organization and year, over many rows; integers compare faster than text.
    row_number() OVER (ORDER BY coalesce(oa.organization_key, d.organization), d.fiscal_year,
                       d.source_file, d.document_id) AS document_no,
    dense_rank() OVER (ORDER BY coalesce(oa.organization_key, d.organization), d.fiscal_year,
                       d.year_basis) AS org_year_no
FROM documents AS d
LEFT JOIN organization_aliases AS oa ON oa.spelling = d.organization
LEFT JOIN audit_years AS y ON y.year_basis = d.year_basis;

-- One row per plan, with bit masks of the steps and elements its rows hold (bit n-1: n)
-- and how many rows have none.
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
    coalesce(s.step_mask, 0) AS step_mask,
    coalesce(s.element_mask, 0) AS element_mask,
    coalesce(s.null_steps, 0) AS null_steps,
    coalesce(s.null_elements, 0) AS null_elements,
    coalesce(s.rows, 0) AS rows
FROM plans AS p
JOIN documents AS d ON d.document_id = p.document_id
LEFT JOIN (
    SELECT document_id, plan_no,
           bit_or(1::BIGINT << (step - 1)) AS step_mask,
           bit_or(1::BIGINT << (element - 1)) AS element_mask,
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
    d.damaged OR coalesce(t.ocr_rows, false) OR coalesce(w.ocr_warnings, false) AS read_in_doubt
FROM audit_documents AS d
LEFT JOIN (
    SELECT document_id, list(DISTINCT plan_type) AS plan_types, bool_or(ocr_rows) AS ocr_rows
    FROM (SELECT document_id, plan_type, ocr_confidence IS NOT NULL AS ocr_rows
          FROM activity_rows
          UNION ALL
          SELECT document_id, plan_type, false FROM plans)
    GROUP BY document_id
) AS t ON t.document_id = d.document_id
LEFT JOIN (
    SELECT document_id, true AS ocr_warnings FROM warnings
    WHERE starts_with(code, 'ocr-') GROUP BY document_id
) AS w ON w.document_id = d.document_id;

-- One row per plan and KM step: the step's earliest start, whether every row of it is
-- dated, and a key to its earliest row (see step_order below).
CREATE OR REPLACE {temp}VIEW audit_steps AS
SELECT document_id, plan_no, step,
       any_value(plan_type) AS plan_type,
       any_value(coalesce(document_kind, 'plan')) AS document_kind,
       min(period_start) AS first_start,
       bool_and(period_start IS NOT NULL) AS dated,
       min(coalesce(date_diff('day', DATE '1900-01-01', period_start), 999999)::HUGEINT
               * 1000000000000000000
           + seq::HUGEINT * 1000000000000 + row_no::HUGEINT * 1000000 + page) AS first_key
FROM activity_rows
WHERE step IS NOT NULL
GROUP BY document_id, plan_no, step;

-- Bit (n-1) of a rule's item mask when its item n is `key` and `hit` holds.
CREATE OR REPLACE {temp}MACRO audit_bit(keys, key, hit) AS
    CASE WHEN hit AND list_contains(keys, key)
         THEN 1::BIGINT << (list_position(keys, key) - 1) ELSE 0 END;

-- Every check of every subject: the rule, what it points to, the reason ('pass', a
-- violation, or why it could not be checked), the items it missed as a mask, and the
-- values its message names. One branch per check kind (audit_rules.kind).
CREATE OR REPLACE {temp}VIEW audit_check_rows AS
-- plan_covers: a plan holds each item n (step or element n, in order) in one of its rows.
SELECT rule, document_id, plan_no, page, mask, unread AS n,
       CASE WHEN mask = 0 THEN 'pass' WHEN unread > 0 THEN 'unread' ELSE 'missing' END
           AS reason
FROM (
    SELECT r.rule, p.document_id, p.plan_no, p.page,
           ((1::BIGINT << len(r.item_keys)) - 1) & ~CASE r.column_name
               WHEN 'step' THEN p.step_mask ELSE p.element_mask END AS mask,
           CASE r.column_name WHEN 'step' THEN p.null_steps ELSE p.null_elements END AS unread
    FROM audit_rules AS r
    JOIN audit_plans AS p
        ON list_contains(r.families, p.plan_type) AND list_contains(r.document_kinds, p.document_kind)
    WHERE r.kind = 'plan_covers'
)
UNION ALL BY NAME
-- row_filled: each listed cell of an activity row holds something (not blank, not a dash).
SELECT rule, document_id, plan_no, seq, row_no, page, mask,
       CASE WHEN mask = 0 THEN 'pass' WHEN ocr THEN 'unread' ELSE 'missing' END AS reason
FROM (
    SELECT r.rule, a.document_id, a.plan_no, a.seq, a.row_no, a.page,
           a.ocr_confidence IS NOT NULL AS ocr,
           audit_bit(r.item_keys, 'indicator', audit_blank(a.indicator))
           | audit_bit(r.item_keys, 'target', audit_blank(a.target))
           | audit_bit(r.item_keys, 'responsible', audit_blank(a.responsible))
           | audit_bit(r.item_keys, 'status', audit_blank(a.status))
           | audit_bit(r.item_keys, 'activity', audit_blank(a.activity))
           | audit_bit(r.item_keys, 'method', audit_blank(a.method))
           | audit_bit(r.item_keys, 'period_text', audit_blank(a.period_text)) AS mask
    FROM audit_rules AS r
    JOIN activity_rows AS a
        ON list_contains(r.families, a.plan_type)
        AND list_contains(r.document_kinds, coalesce(a.document_kind, 'plan'))
    WHERE r.kind = 'row_filled'
)
UNION ALL BY NAME
-- row_measurable: a target states a percentage, a count or a comparator.
SELECT r.rule, a.document_id, a.plan_no, a.seq, a.row_no, a.page, a.target AS text,
       CASE WHEN audit_blank(a.target) THEN 'no_target'
            WHEN audit_bit(r.item_keys, 'target_percent', a.target_percent IS NOT NULL)
                 | audit_bit(r.item_keys, 'target_count', a.target_count IS NOT NULL)
                 | audit_bit(r.item_keys, 'target_comparator', a.target_comparator IS NOT NULL)
                 <> 0 THEN 'pass'
            ELSE 'unmeasurable' END AS reason
FROM audit_rules AS r
JOIN activity_rows AS a
    ON list_contains(r.families, a.plan_type)
    AND list_contains(r.document_kinds, coalesce(a.document_kind, 'plan'))
WHERE r.kind = 'row_measurable'
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
-- step_order: each step's earliest start is not before the earliest start of the step
-- before it (rows without a step have no place in the order; plan_covers reports them).
-- The finding points at the step's earliest row (then the lowest seq and row): one min()
-- over a number that orders rows so and carries their seq, row_no and page (each < 10^6).
SELECT r.rule, s.document_id, s.plan_no,
       (s.first_key // 1000000000000 % 1000000)::INTEGER AS seq,
       (s.first_key // 1000000 % 1000000)::INTEGER AS row_no,
       (s.first_key % 1000000)::INTEGER AS page,
       s.step, b.step AS prev_step, s.first_start AS start_on, b.first_start AS prev_start,
       CASE WHEN NOT s.dated OR NOT b.dated THEN 'unread'
            WHEN s.first_start < b.first_start THEN 'early' ELSE 'pass' END AS reason
FROM audit_rules AS r
JOIN audit_steps AS s
    ON list_contains(r.families, s.plan_type) AND list_contains(r.document_kinds, s.document_kind)
JOIN audit_steps AS b
    ON b.document_id = s.document_id AND b.plan_no = s.plan_no AND b.step = s.step - 1
WHERE r.kind = 'step_order'
UNION ALL BY NAME
-- plan_filled: the plan's header states each listed field.
SELECT rule, document_id, plan_no, page, mask,
       CASE WHEN mask = 0 THEN 'pass' ELSE 'missing' END AS reason
FROM (
    SELECT r.rule, p.document_id, p.plan_no, p.page,
           audit_bit(r.item_keys, 'km_goal', audit_blank(p.km_goal))
           | audit_bit(r.item_keys, 'deliverable', audit_blank(p.deliverable)) AS mask
    FROM audit_rules AS r
    JOIN audit_plans AS p
        ON list_contains(r.families, p.plan_type) AND list_contains(r.document_kinds, p.document_kind)
    WHERE r.kind = 'plan_filled'
)
UNION ALL BY NAME
-- year_has_family: the organization also has a plan of each listed family for the year,
-- in any of its documents of that year of the rule's document kinds.
SELECT rule, document_id, mask,
       CASE WHEN no_year THEN 'no_year' WHEN mask = 0 THEN 'pass' ELSE 'absent' END AS reason
FROM (
    SELECT r.rule, d.document_id,
           d.organization_key IS NULL OR d.fiscal_year IS NULL AS no_year,
           ((1::BIGINT << len(r.item_keys)) - 1) & ~coalesce((
               SELECT bit_or(1::BIGINT << (list_position(r.item_keys, h.plan_type) - 1))
               FROM audit_document_plans AS o, unnest(o.plan_types) AS h(plan_type)
               WHERE o.organization_key = d.organization_key
                 AND o.fiscal_year = d.fiscal_year AND o.year_basis = d.year_basis
                 AND list_contains(r.document_kinds, o.document_kind)
                 AND list_contains(r.item_keys, h.plan_type)), 0) AS mask
    FROM audit_rules AS r
    JOIN audit_document_plans AS d
        ON list_has_any(r.families, d.plan_types) AND list_contains(r.document_kinds, d.document_kind)
    WHERE r.kind = 'year_has_family'
)
UNION ALL BY NAME
-- document_filled: the announcement's listed facts (date, signer ...) were found.
SELECT rule, document_id, mask,
       CASE WHEN mask = 0 THEN 'pass' WHEN doubt THEN 'unread' ELSE 'missing' END AS reason
FROM (
    SELECT r.rule, d.document_id, d.read_in_doubt AS doubt,
           audit_bit(r.item_keys, 'announced_on', d.announced_on IS NULL)
           | audit_bit(r.item_keys, 'signed_by', audit_blank(d.signed_by))
           | audit_bit(r.item_keys, 'reference_no', audit_blank(d.reference_no)) AS mask
    FROM audit_rules AS r
    JOIN audit_document_plans AS d
        ON list_has_any(r.families, d.plan_types) AND list_contains(r.document_kinds, d.document_kind)
    WHERE r.kind = 'document_filled'
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
       a.announced_on AS on_date, audit_bit(r.item_keys, a.status, true) AS mask,
       CASE WHEN a.period_end IS NULL OR a.announced_on IS NULL THEN 'unread'
            WHEN a.period_end >= a.announced_on THEN NULL
            WHEN a.status IS NULL THEN 'unread'
            WHEN list_contains(r.item_keys, a.status) THEN 'overdue' ELSE 'pass' END AS reason
FROM audit_rules AS r
JOIN activity_rows AS a
    ON list_contains(r.families, a.plan_type)
    AND list_contains(r.document_kinds, coalesce(a.document_kind, 'plan'))
WHERE r.kind = 'row_status_due';

-- Every check of every subject, with the document, plan and rule it concerns; outcome is
-- 'pass', 'fail' or 'unchecked' (a value the rule needs was not read).
-- findings_only: only the checks that did not pass (filtered before the joins: most pass).
CREATE OR REPLACE {temp}MACRO audit_results(findings_only) AS TABLE
SELECT
    d.organization,
    d.fiscal_year,
    p.department,
    c.plan_no,
    p.plan_type,
    c.rule,
    CASE m.outcome WHEN 'unchecked' THEN 'info' ELSE r.severity END AS severity,
    coalesce(m.outcome, 'pass') AS outcome,
    CASE WHEN m.message_th IS NOT NULL THEN
        audit_text(m.parts_th, l.items_th, c.text, c.start_on, c.end_on, d.fiscal_year,
                   c.year_start, c.year_end, c.on_date, c.limit_date, c.step, c.prev_step,
                   c.prev_start, c.n) END AS message,
    CASE WHEN m.message_en IS NOT NULL THEN
        audit_text(m.parts_en, l.items_en, c.text, c.start_on, c.end_on, d.fiscal_year,
                   c.year_start, c.year_end, c.on_date, c.limit_date, c.step, c.prev_step,
                   c.prev_start, c.n) END AS message_en,
    c.page,
    c.seq,
    c.row_no,
    d.source_file,
    d.document_id,
    d.organization_key,
    d.year_basis,
    d.document_kind,
    r.rule_no,
    c.reason,
    d.document_no,
    d.org_year_no
FROM audit_check_rows AS c
JOIN audit_rules AS r ON r.rule = c.rule
JOIN audit_documents AS d ON d.document_id = c.document_id
LEFT JOIN plans AS p ON p.document_id = c.document_id AND p.plan_no = c.plan_no
LEFT JOIN audit_messages AS m ON m.rule = c.rule AND m.reason = c.reason
LEFT JOIN audit_item_sets AS l ON l.rule = c.rule AND l.mask = c.mask AND m.rule IS NOT NULL
WHERE c.reason IS NOT NULL AND (NOT findings_only OR c.reason <> 'pass');

CREATE OR REPLACE {temp}VIEW plan_checks AS SELECT * FROM audit_results(false);

-- What an assessor reads: every check that did not pass, in the order kmplan audit prints.
CREATE OR REPLACE {temp}VIEW plan_findings AS
SELECT organization, fiscal_year, department, plan_no, plan_type, rule, severity, outcome,
       message, message_en, page, seq, row_no, source_file, document_id, organization_key,
       year_basis, document_kind, rule_no, document_no
FROM audit_results(true);
