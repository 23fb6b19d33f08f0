-- The FIR timeline of one person: every FIR they are accused in, oldest first, with how they
-- were recorded in it. Bound parameter: $person_id.
with

person_records as (
    select * from person_records
),

firs as (
    select * from firs
),

final as (
    select
        r.fir_id,
        coalesce(f.registered_at, r.registered_at) as registered_at,
        r.district,
        f.police_station,
        f.fir_number,
        f.fir_year,
        f.crime_head_id,
        f.crime_group,
        f.acts_sections,
        f.status,
        r.accused_number,
        r.name as recorded_name,
        r.alias as recorded_alias,
        r.father_name as recorded_father_name,
        r.age,
        r.address,
        r.link_probability,
        r.link_fields
    from person_records as r
    left join firs as f using (fir_id)
    where r.person_id = $person_id
    order by registered_at, r.fir_id
)

select * from final
