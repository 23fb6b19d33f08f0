-- One row per pair of persons accused together in at least one FIR.
with

person_records as (
    select person_id, fir_id, registered_at from person_records
),

pairs as (
    select
        a.person_id,
        b.person_id as co_accused_person_id,
        a.fir_id,
        a.registered_at
    from person_records as a
    inner join person_records as b
        on a.fir_id = b.fir_id and a.person_id < b.person_id
),

final as (
    select
        person_id,
        co_accused_person_id,
        count(distinct fir_id)::integer as fir_count,
        min(registered_at) as first_together_at,
        max(registered_at) as last_together_at,
        to_json(list(distinct fir_id order by fir_id))::varchar as fir_ids
    from pairs
    group by person_id, co_accused_person_id
)

select * from final
