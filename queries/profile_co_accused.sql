-- The co-accused of one person: everyone accused together with them, most shared FIRs first.
-- Bound parameter: $person_id.
with

co_accused_edges as (
    select * from co_accused_edges
),

persons as (
    select * from persons
),

edges as (
    select co_accused_person_id as other_person_id, fir_count, last_together_at, fir_ids
    from co_accused_edges
    where person_id = $person_id
    union all
    select person_id as other_person_id, fir_count, last_together_at, fir_ids
    from co_accused_edges
    where co_accused_person_id = $person_id
),

final as (
    select
        e.other_person_id as person_id,
        p.name,
        p.father_name,
        p.fir_count as total_fir_count,
        e.fir_count as shared_fir_count,
        e.last_together_at,
        e.fir_ids
    from edges as e
    inner join persons as p on p.person_id = e.other_person_id
    order by e.fir_count desc, e.last_together_at desc, e.other_person_id
)

select * from final
