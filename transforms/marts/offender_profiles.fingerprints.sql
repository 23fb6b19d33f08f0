-- Fingerprint of each person's offender profile: a digest of every value offender_profiles.sql
-- reads for the person (keep the two in step), so an incremental build recomputes only the
-- persons whose inputs changed (person-builds.ts). One term per input row, summed per person
-- (order-free; a scalar aggregate, which spills to disk as it needs), and the reference instant
-- only as far as it moves the person's recency points.
with

firs as (
    select fir_id, crime_group, status, registered_at from firs
),

reference_instant as (
    select max(registered_at) as as_of from firs
),

terms as (
    -- The person's records, with their FIR and accused row.
    select
        r.person_id,
        1 as records,
        0 as has_person,
        hash(
            r.record_id, r.fir_id, r.accused_number, r.name, r.alias, r.father_name, r.address, r.district,
            r.registered_at, f.crime_group, f.status, f.registered_at, fa.is_arrested
        ) as h,
        coalesce(f.registered_at, r.registered_at) as registered_at
    from person_records as r
    left join firs as f using (fir_id)
    left join fir_accused as fa on fa.fir_id = r.fir_id and fa.accused_number = r.accused_number
    union all
    select r.person_id, 0, 0, hash('arrest', ar.fir_id, ar.accused_number, ar.arrested_at), null
    from person_records as r
    inner join arrests as ar on ar.fir_id = r.fir_id and ar.accused_number = r.accused_number
    union all
    select r.person_id, 0, 0, hash('seizure', s.fir_id, s.registration_number, v.maker_model, v.owner_name), null
    from person_records as r
    inner join seizures as s using (fir_id)
    left join vehicles as v
        on v.registration_number = regexp_replace(upper(s.registration_number), '[^A-Z0-9]', '', 'g')
    where s.registration_number is not null and trim(s.registration_number) <> ''
    union all
    select person_id, 0, 1, hash('person', name, name_devanagari, father_name, sex, birth_year, home_district), null
    from persons
    union all
    select person_id, 0, 0, hash('co-accused', co_accused_person_id), null
    from co_accused_edges
    union all
    select co_accused_person_id, 0, 0, hash('co-accused', person_id), null
    from co_accused_edges
),

per_person as (
    select
        person_id,
        sum(h) as digest,
        count(*) as terms,
        sum(records) as records,
        sum(has_person) as has_person,
        max(registered_at) as last_offence_at
    from terms
    group by person_id
)

select
    p.person_id,
    printf(
        '%016x',
        hash(
            p.digest,
            p.terms,
            case
                when p.last_offence_at >= ri.as_of - interval 180 day then 20
                when p.last_offence_at >= ri.as_of - interval 365 day then 10
                else 0
            end
        )
    ) as fingerprint
from per_person as p
cross join reference_instant as ri
where p.records > 0 and p.has_person > 0
