-- One row per person: the register of person_records, with the spelling seen most often.
with

person_records as (
    select * from person_records
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
