-- Offender profile search by FIR: the persons accused in one FIR. Bound parameter: $fir_id
-- (<police_station_id>/<year>/<number>, as the ingest builds it from district, thana, number, year).
with

person_records as (
    select person_id, fir_id, accused_number, name from person_records
),

persons as (
    select * from persons
),

final as (
    select
        r.person_id,
        r.accused_number,
        r.name as recorded_name,
        p.name,
        p.name_devanagari,
        p.father_name,
        p.birth_year,
        p.home_district,
        p.fir_count,
        p.last_registered_at
    from person_records as r
    inner join persons as p using (person_id)
    where r.fir_id = $fir_id
    order by r.accused_number
)

select * from final
