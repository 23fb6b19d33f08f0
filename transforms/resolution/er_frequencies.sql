-- Value counts per term-frequency field over the previous build's records (person_records),
-- as resolve.ts counts them over a store: field 0 the first name (first folded word), 1 the
-- surname (last folded word of two or more), 2 the father's given names, 3 each alias word,
-- 6 the place key (er_place_keys).
with

named as (
    select name_key, father_key, alias_key, place
    from person_records
    where name_key is not null and name_key <> ''
),

values_ as (
    select 0 as field, split_part(name_key, ' ', 1) as value from named
    union all
    select 1, regexp_extract(name_key, '[^ ]+$') from named where contains(name_key, ' ')
    union all
    select 2, father_key from named where father_key is not null
    union all
    select 3, unnest(string_split(alias_key, ' ')) from named where alias_key is not null
    union all
    select 6, k.place_key from named as n inner join er_place_keys as k using (place) where k.place_key is not null
),

final as (
    select field, value, count(*) as n from values_ where value <> '' group by field, value
)

select * from final
