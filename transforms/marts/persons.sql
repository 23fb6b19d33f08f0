-- One row per person: the register of person_records, with the spelling seen most often.
--
-- A person's row reads only that person's records, so a build computes some persons only
-- (person-builds.ts): the variables `person_scope` (the persons) and `person_buckets`/
-- `person_bucket` (a hash bucket of them) pick them; unset (null), every person is computed.
-- persons.fingerprints.sql digests what each person's row is computed from: keep the two in step.
with

person_records as (
    select * from person_records
    where coalesce(hash(person_id) % getvariable('person_buckets') = getvariable('person_bucket'), true)
        and (getvariable('person_scope') is null or person_id in (select unnest(getvariable('person_scope'))))
),

-- Display spellings: a name as recorded in Latin script (without a "s/o …" or "alias …" tail)
-- beats the transliteration of a Devanagari one.
latin_names as (
    select
        person_id,
        case
            when regexp_matches(name, '[\x{0900}-\x{097F}]|(?i)\b(s/o|d/o|w/o|alias|urf)\b|@') then null
            else trim(regexp_replace(name, '\s+', ' ', 'g'))
        end as recorded,
        name_latin
    from person_records
    where name_latin is not null
),

name_counts as (
    select
        person_id,
        coalesce(recorded, name_latin) as name,
        recorded is not null as is_recorded,
        count(*) as n
    from latin_names
    group by all
),

top_latin as (
    select person_id, name, is_recorded
    from name_counts
    qualify row_number() over (
        partition by person_id order by is_recorded desc, n desc, length(name) desc, name
    ) = 1
),

devanagari_names as (
    select person_id, name, count(*) as n
    from person_records
    where regexp_matches(name, '[\x{0900}-\x{097F}]')
    group by person_id, name
),

top_devanagari as (
    select person_id, name as name_devanagari
    from devanagari_names
    qualify row_number() over (partition by person_id order by n desc, length(name) desc, name) = 1
),

fathers as (
    select
        person_id,
        case
            when father_name is null or regexp_matches(father_name, '[\x{0900}-\x{097F}]') then father_name_latin
            else trim(regexp_replace(father_name, '\s+', ' ', 'g'))
        end as father,
        father_name is not null and not regexp_matches(father_name, '[\x{0900}-\x{097F}]') as is_recorded,
        count(*) as n
    from person_records
    where father_name_latin is not null
    group by all
),

top_father as (
    select person_id, father, is_recorded
    from fathers
    qualify row_number() over (
        partition by person_id order by is_recorded desc, n desc, length(father) desc, father
    ) = 1
),

-- Most persons have one record: theirs is the summary as it stands, and only the others need
-- the (holistic, costly) mode and median over their records.
record_counts as (
    select person_id, count(*) as n from person_records group by person_id
),

single_summary as (
    select
        r.person_id,
        r.sex,
        r.birth_year,
        coalesce(r.home_district, lower(r.district)) as home_district,
        1 as record_count,
        1 as fir_count,
        r.registered_at as first_registered_at,
        r.registered_at as last_registered_at
    from person_records as r
    inner join record_counts as c on c.person_id = r.person_id and c.n = 1
),

multi_summary as (
    select
        r.person_id,
        mode(r.sex) as sex,
        median(r.birth_year)::integer as birth_year,
        coalesce(mode(r.home_district), lower(mode(r.district))) as home_district,
        count(*)::integer as record_count,
        count(distinct r.fir_id)::integer as fir_count,
        min(r.registered_at) as first_registered_at,
        max(r.registered_at) as last_registered_at
    from person_records as r
    inner join record_counts as c on c.person_id = r.person_id and c.n > 1
    group by r.person_id
),

summary as (
    select * from single_summary
    union all
    select * from multi_summary
),

final as (
    select
        s.person_id,
        case
            when l.is_recorded then l.name
            else array_to_string(list_transform(string_split(coalesce(l.name, ''), ' '), w -> upper(left(w, 1)) || w[2:]), ' ')
        end as name,
        d.name_devanagari,
        case
            when f.is_recorded then f.father
            else array_to_string(list_transform(string_split(f.father, ' '), w -> upper(left(w, 1)) || w[2:]), ' ')
        end as father_name,
        s.sex,
        s.birth_year,
        s.home_district,
        s.record_count,
        s.fir_count,
        s.first_registered_at,
        s.last_registered_at
    from summary as s
    left join top_latin as l using (person_id)
    left join top_devanagari as d using (person_id)
    left join top_father as f using (person_id)
)

select * from final
