-- Offender profile search by vehicle: the persons accused in the FIRs under which the vehicle
-- was seized. Bound parameter: $registration_number (canonical, e.g. UP65AB1234).
with

seizures as (
    select
        fir_id,
        regexp_replace(upper(registration_number), '[^A-Z0-9]', '', 'g') as registration_number,
        seized_at
    from seizures
    where registration_number is not null
),

person_records as (
    select person_id, fir_id, name from person_records
),

persons as (
    select * from persons
),

final as (
    select
        r.person_id,
        s.fir_id,
        s.seized_at,
        r.name as recorded_name,
        p.name,
        p.father_name,
        p.birth_year,
        p.home_district,
        p.fir_count
    from seizures as s
    inner join person_records as r using (fir_id)
    inner join persons as p using (person_id)
    where s.registration_number = $registration_number
    order by s.seized_at desc nulls last, r.person_id
)

select * from final
