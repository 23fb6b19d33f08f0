-- One row per person: the register of person_records, with the spelling seen most often.
with

person_records as (
    select * from person_records
),

latin_names as (
    select person_id, name_latin, count(*) as n
    from person_records
    where name_latin is not null
    group by person_id, name_latin
),

top_latin as (
    select person_id, name_latin
    from latin_names
    qualify row_number() over (partition by person_id order by n desc, length(name_latin) desc, name_latin) = 1
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
    select person_id, father_name_latin, count(*) as n
    from person_records
    where father_name_latin is not null
    group by person_id, father_name_latin
),

top_father as (
    select person_id, father_name_latin
    from fathers
    qualify row_number() over (partition by person_id order by n desc, length(father_name_latin) desc, father_name_latin) = 1
),

summary as (
    select
        person_id,
        mode(sex) as sex,
        median(birth_year)::integer as birth_year,
        coalesce(mode(home_district), lower(mode(district))) as home_district,
        count(*)::integer as record_count,
        count(distinct fir_id)::integer as fir_count,
        min(registered_at) as first_registered_at,
        max(registered_at) as last_registered_at
    from person_records
    group by person_id
),

final as (
    select
        s.person_id,
        array_to_string(
            list_transform(string_split(coalesce(l.name_latin, ''), ' '), w -> upper(left(w, 1)) || w[2:]),
            ' '
        ) as name,
        d.name_devanagari,
        array_to_string(
            list_transform(string_split(f.father_name_latin, ' '), w -> upper(left(w, 1)) || w[2:]),
            ' '
        ) as father_name,
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
