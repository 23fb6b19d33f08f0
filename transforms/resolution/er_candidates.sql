-- The previous persons the new and changed records (the seeds) may meet: for each blocking rule
-- (blocking.ts), the previous records in a seed's group whose place in the group's sort order is
-- within $window of the seed's, as the full resolution's sorted neighbourhood would compare them.
-- The previous records' groups and sort keys are worked out from the normal forms person_records
-- keeps, as incremental.ts (seedKeys) writes the seeds': the name skeletons (first and last word
-- of the folded name, er_skeletons), the father's given names and his first name's skeleton, the
-- alias, the place key (er_place_keys), the address's police station, the birth year ('----'
-- when unknown). Every record of such a person comes along (the clustering checks whole persons).
with

seeds as (
    select k.key, k.sort, r.record_id
    from er_seed_keys as k
    inner join er_records as r using (idx)
),

previous as (
    select
        p.record_id,
        p.person_id,
        f.skeleton as first_skeleton,
        coalesce(l.skeleton, '') as last_skeleton,
        ff.skeleton as father_first_skeleton,
        p.father_key,
        p.alias_key,
        k.place_key,
        coalesce(p.home_police_station_id, '') as station,
        coalesce(p.birth_year::varchar, '----') as birth_year
    from person_records as p
    left join er_skeletons as f on f.word = split_part(p.name_key, ' ', 1)
    left join er_skeletons as l
        on l.word = case when contains(p.name_key, ' ') then regexp_extract(p.name_key, '[^ ]+$') end
    left join er_skeletons as ff on ff.word = split_part(p.father_key, ' ', 1)
    left join er_place_keys as k on k.place = p.place
    where
        p.name_key is not null and p.name_key <> ''
        and p.record_id in (select record_id from er_diff where status = 'same')
),

previous_keys as (
    select
        record_id, person_id,
        'name+father|' || first_skeleton || '|' || last_skeleton as key,
        coalesce(father_key, '') || '|' || birth_year as sort
    from previous
    union all
    select
        record_id, person_id,
        'name+place|' || first_skeleton || '|' || last_skeleton,
        coalesce(place_key, '') || '|' || birth_year
    from previous
    union all
    select
        record_id, person_id,
        'first+father|' || first_skeleton || '|' || father_first_skeleton,
        birth_year || '|' || coalesce(place_key, '')
    from previous
    where father_first_skeleton is not null
    union all
    select
        record_id, person_id,
        'surname+father+station|' || last_skeleton || '|' || father_key || '|' || station,
        birth_year
    from previous
    where father_key is not null
    union all
    select
        record_id, person_id,
        'alias+place|' || alias_key || '|' || place_key,
        birth_year
    from previous
    where alias_key is not null and place_key is not null
),

grouped as (
    select key, sort, record_id, person_id, false as seed
    from previous_keys
    where key in (select key from seeds)
    union all
    select key, sort, record_id, null, true
    from seeds
),

-- Per group: a previous record's rank among the previous records, and a seed's count of
-- previous records before it.
ranked as (
    select
        *,
        sum(case when seed then 0 else 1 end) over (
            partition by key order by sort, record_id rows between unbounded preceding and current row
        ) as previous_before
    from grouped
),

near as (
    select distinct p.person_id
    from ranked as s
    inner join ranked as p
        on
            p.key = s.key
            and not p.seed
            and p.previous_before between s.previous_before - $window + 1 and s.previous_before + $window
    where s.seed
),

final as (
    select person_id from near
)

select * from final
