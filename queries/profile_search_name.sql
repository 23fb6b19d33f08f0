-- Offender profile search by name (either script, fuzzy, ranked): one row per person whose
-- recorded name, or alias, is like the query. Bound parameters: $name_key (the query's folded
-- name, see person_records.name_key), $first_key (its folded first name), $father_key (the
-- folded father's name given as "… s/o …", or ''), $min_score (0-1) and $limit.
with

person_records as (
    select person_id, name, name_key, alias_key, father_key from person_records
),

persons as (
    select * from persons
),

scored as (
    select
        person_id,
        name,
        greatest(
            coalesce(jaro_winkler_similarity(name_key, $name_key), 0),
            0.95 * coalesce(jaro_winkler_similarity(alias_key, $first_key), 0)
        ) as name_score,
        case
            when $father_key = '' then null
            else coalesce(jaro_winkler_similarity(father_key, $father_key), 0.5)
        end as father_score
    from person_records
    where name_key is not null
),

combined as (
    select
        person_id,
        name,
        case when father_score is null then name_score else 0.75 * name_score + 0.25 * father_score end as score
    from scored
),

best as (
    select
        person_id,
        max(score) as score,
        arg_max(name, score) as matched_name
    from combined
    group by person_id
    having max(score) >= $min_score
),

final as (
    select
        b.person_id,
        round(b.score, 3) as score,
        b.matched_name,
        p.name,
        p.name_devanagari,
        p.father_name,
        p.birth_year,
        p.home_district,
        p.fir_count,
        p.last_registered_at
    from best as b
    inner join persons as p using (person_id)
    order by b.score desc, p.fir_count desc, b.person_id
    limit $limit
)

select * from final
