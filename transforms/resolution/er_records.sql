-- The accused records to resolve (er_accused: person_records.sql), numbered in record-id order,
-- each with its person in the previous build (er_previous: the lake's person_records, or
-- nothing) and the key that orders new person ids (the earliest record of a person anchors its
-- id). The resolver reads them as dictionary codes; the output joins back to them by idx.
with

accused as (
    select * from er_accused
),

previous as (
    select record_id, any_value(person_id) as person_id
    from er_previous
    group by record_id
),

numbered as (
    select
        (row_number() over (order by a.record_id) - 1)::integer as idx,
        a.*,
        p.person_id as previous_person_id,
        coalesce(a.fir_year::varchar, '9999') || '|' || a.record_id as anchor
    from accused as a
    left join previous as p using (record_id)
),

final as (
    select * from numbered
)

select * from final
