-- Fingerprint of each person's row of persons: a digest of the person's records, every column
-- persons.sql reads (keep the two in step), summed per person (order-free; a scalar aggregate,
-- which spills to disk as it needs), so an incremental build recomputes only the persons whose
-- records changed, came or went (person-builds.ts).
select
    person_id,
    printf(
        '%016x',
        hash(
            sum(hash(
                fir_id, name, name_latin, father_name, father_name_latin, sex, birth_year, home_district, district,
                registered_at
            )),
            count(*)
        )
    ) as fingerprint
from person_records
group by person_id
