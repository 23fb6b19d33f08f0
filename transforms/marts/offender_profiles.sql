-- One row per resolved person: the offender profile. Rules (habitual, risk) are documented in
-- offender_profiles.ts; the "newest FIR in the lake" is the reference instant, so a rebuild of
-- the same lake gives the same scores.
--
-- A person's row reads only that person's records (and lake-wide facts: FIRs, arrests, the
-- reference instant), so a build computes some persons only (person-builds.ts): the variables
-- `person_scope` (the persons) and `person_buckets`/`person_bucket` (a hash bucket of them) pick
-- them; unset (null), every person is computed. offender_profiles.fingerprints.sql digests what
-- each person's row is computed from: keep the two in step.
with

person_records as (
    select * from person_records
    where coalesce(hash(person_id) % getvariable('person_buckets') = getvariable('person_bucket'), true)
        and (getvariable('person_scope') is null or person_id in (select unnest(getvariable('person_scope'))))
),

persons as (
    select * from persons
    where coalesce(hash(person_id) % getvariable('person_buckets') = getvariable('person_bucket'), true)
        and (getvariable('person_scope') is null or person_id in (select unnest(getvariable('person_scope'))))
),

co_accused_edges as (
    select * from co_accused_edges
),

firs as (
    select fir_id, crime_group, status, registered_at from firs
),

fir_accused as (
    select fir_id, accused_number, is_arrested from fir_accused
),

arrests as (
    select fir_id, accused_number, arrested_at from arrests
),

seizures as (
    select
        fir_id,
        regexp_replace(upper(registration_number), '[^A-Z0-9]', '', 'g') as registration_number
    from seizures
    where registration_number is not null and trim(registration_number) <> ''
),

vehicles as (
    select registration_number, owner_name, maker_model, vehicle_class from vehicles
),

reference_instant as (
    select max(registered_at) as as_of from firs
),

person_firs as (
    select distinct
        r.person_id,
        r.fir_id,
        f.crime_group,
        f.status,
        coalesce(f.registered_at, r.registered_at) as registered_at
    from person_records as r
    left join firs as f using (fir_id)
),

-- Values most seen first (then alphabetical): each list is gathered unordered and sorted as a
-- list, which is far cheaper than an ordered aggregate over a million small groups.
names as (
    select
        person_id,
        to_json(list_transform(list_sort(list({'n': -n, 'v': name})), x -> x.v))::varchar as names
    from (select person_id, name, count(*) as n from person_records group by all)
    group by person_id
),

aliases as (
    select
        person_id,
        to_json(list_transform(list_sort(list({'n': -n, 'v': alias}) filter (where alias is not null)), x -> x.v))::varchar
            as aliases
    from (select person_id, alias, count(*) as n from person_records group by all)
    group by person_id
),

father_names as (
    select
        person_id,
        to_json(list_transform(
            list_sort(list({'n': -n, 'v': father_name}) filter (where father_name is not null)), x -> x.v
        ))::varchar as father_names
    from (select person_id, father_name, count(*) as n from person_records group by all)
    group by person_id
),

addresses as (
    select
        person_id,
        to_json(list_transform(list_sort(list({'n': -n, 'v': address}) filter (where address is not null)), x -> x.v))::varchar
            as addresses
    from (select person_id, address, count(*) as n from person_records group by all)
    group by person_id
),

districts as (
    select person_id, to_json(list(distinct district order by district))::varchar as districts
    from person_records
    group by person_id
),

crime_groups as (
    select
        person_id,
        to_json(map(list_transform(groups, x -> x.crime_group), list_transform(groups, x -> x.n)))::varchar
            as crime_groups
    from (
        select person_id, list_sort(list({'crime_group': crime_group, 'n': n})) as groups
        from (
            select person_id, coalesce(crime_group, 'unknown') as crime_group, count(*)::integer as n
            from person_firs
            group by all
        )
        group by person_id
    )
),

fir_summary as (
    select
        person_id,
        count(*)::integer as fir_count,
        min(registered_at) as first_offence_at,
        max(registered_at) as last_offence_at,
        count(*) filter (where status = 'charge_sheeted')::integer as charge_sheeted_count,
        count(*) filter (where status = 'under_investigation')::integer as pending_count,
        count(*) filter (
            where status = 'charge_sheeted'
            and crime_group in ('violent', 'property', 'arms', 'ndps', 'crimes_against_women')
        )::integer as serious_charge_sheeted_count,
        bool_or(crime_group in ('violent', 'crimes_against_women', 'arms', 'ndps')) as has_serious
    from person_firs
    group by person_id
),

-- The most FIRs of the person registered within 5 years of one of them.
five_year_windows as (
    select
        person_id,
        max(n) as max_firs_in_5_years
    from (
        select
            a.person_id,
            count(*) as n
        from person_firs as a
        inner join person_firs as b
            on a.person_id = b.person_id
            and b.registered_at >= a.registered_at
            and b.registered_at < a.registered_at + interval 5 year
        group by a.person_id, a.fir_id
    )
    group by person_id
),

arrest_counts as (
    select
        r.person_id,
        greatest(
            count(distinct (ar.fir_id, ar.accused_number, ar.arrested_at)) filter (where ar.fir_id is not null),
            count(distinct r.record_id) filter (where fa.is_arrested)
        )::integer as arrest_count
    from person_records as r
    left join arrests as ar on ar.fir_id = r.fir_id and ar.accused_number = r.accused_number
    left join fir_accused as fa
        on fa.fir_id = r.fir_id and fa.accused_number = r.accused_number
    group by r.person_id
),

co_accused as (
    select person_id, count(distinct other)::integer as co_accused_count
    from (
        select person_id, co_accused_person_id as other from co_accused_edges
        union all
        select co_accused_person_id as person_id, person_id as other from co_accused_edges
    )
    where coalesce(hash(person_id) % getvariable('person_buckets') = getvariable('person_bucket'), true)
        and (getvariable('person_scope') is null or person_id in (select unnest(getvariable('person_scope'))))
    group by person_id
),

person_vehicles as (
    select distinct
        pf.person_id,
        s.registration_number,
        v.maker_model,
        v.owner_name,
        upper(v.owner_name) = upper(p.name) as is_owner_by_name,
        pf.fir_id
    from person_firs as pf
    inner join seizures as s using (fir_id)
    left join vehicles as v using (registration_number)
    left join persons as p using (person_id)
),

vehicle_lists as (
    select
        person_id,
        count(distinct registration_number)::integer as vehicle_count,
        to_json(list({
            'registration_number': registration_number,
            'source': 'seizure',
            'fir_id': fir_id,
            'maker_model': maker_model,
            'registered_owner': owner_name,
            'is_owner_by_name': coalesce(is_owner_by_name, false)
        } order by registration_number, fir_id))::varchar as vehicles
    from person_vehicles
    group by person_id
),

scored as (
    select
        p.person_id,
        fs.fir_count,
        fs.first_offence_at,
        fs.last_offence_at,
        fs.charge_sheeted_count,
        fs.pending_count,
        coalesce(ac.arrest_count, 0) as arrest_count,
        coalesce(ca.co_accused_count, 0) as co_accused_count,
        coalesce(w.max_firs_in_5_years, fs.fir_count) as max_firs_in_5_years,
        fs.serious_charge_sheeted_count,
        least(40, 10 * (fs.fir_count - 1)) as points_repeat,
        case
            when fs.last_offence_at >= ri.as_of - interval 180 day then 20
            when fs.last_offence_at >= ri.as_of - interval 365 day then 10
            else 0
        end as points_recent,
        case when fs.has_serious then 15 else 0 end as points_serious,
        least(15, 5 * fs.pending_count) as points_pending,
        case when coalesce(ca.co_accused_count, 0) >= 3 then 10 else 0 end as points_network,
        case when fs.fir_count >= 2 and coalesce(ac.arrest_count, 0) = 0 then 10 else 0 end as points_absconding
    from persons as p
    inner join fir_summary as fs using (person_id)
    left join five_year_windows as w using (person_id)
    left join arrest_counts as ac using (person_id)
    left join co_accused as ca using (person_id)
    cross join reference_instant as ri
),

final as (
    select
        p.person_id,
        p.name,
        p.name_devanagari,
        n.names,
        coalesce(al.aliases, '[]') as aliases,
        p.father_name,
        coalesce(fn.father_names, '[]') as father_names,
        p.sex,
        p.birth_year,
        case
            when p.birth_year is null then null
            when year(s.last_offence_at) - p.birth_year < 18 then 'under 18'
            when year(s.last_offence_at) - p.birth_year < 25 then '18-24'
            when year(s.last_offence_at) - p.birth_year < 35 then '25-34'
            when year(s.last_offence_at) - p.birth_year < 45 then '35-44'
            when year(s.last_offence_at) - p.birth_year < 60 then '45-59'
            else '60+'
        end as age_band,
        coalesce(ad.addresses, '[]') as addresses,
        p.home_district,
        d.districts,
        s.fir_count,
        cg.crime_groups,
        s.first_offence_at,
        s.last_offence_at,
        s.arrest_count,
        s.charge_sheeted_count,
        s.pending_count,
        s.co_accused_count,
        coalesce(vl.vehicles, '[]') as vehicles,
        coalesce(vl.vehicle_count, 0) as vehicle_count,
        s.max_firs_in_5_years >= 3 or s.serious_charge_sheeted_count >= 2 as is_habitual_offender,
        case
            when s.max_firs_in_5_years >= 3 then s.max_firs_in_5_years || ' FIRs within 5 years'
            when s.serious_charge_sheeted_count >= 2
                then s.serious_charge_sheeted_count || ' charge-sheeted FIRs for serious crime'
        end as habitual_reason,
        least(
            100,
            s.points_repeat + s.points_recent + s.points_serious + s.points_pending + s.points_network
            + s.points_absconding
        )::integer as risk_score,
        to_json(list_filter([
            case when s.points_repeat > 0 then s.fir_count || ' FIRs (+' || s.points_repeat || ')' end,
            case when s.points_recent > 0 then 'last FIR on ' || strftime(timezone('Asia/Kolkata', s.last_offence_at), '%Y-%m-%d') || ' (+' || s.points_recent || ')' end,
            case when s.points_serious > 0 then 'violent, crimes against women, arms or NDPS FIR (+15)' end,
            case when s.points_pending > 0 then s.pending_count || ' FIRs under investigation (+' || s.points_pending || ')' end,
            case when s.points_network > 0 then s.co_accused_count || ' co-accused (+10)' end,
            case when s.points_absconding > 0 then 'never arrested in ' || s.fir_count || ' FIRs (+10)' end
        ], x -> x is not null))::varchar as risk_reasons
    from persons as p
    inner join scored as s using (person_id)
    left join names as n using (person_id)
    left join aliases as al using (person_id)
    left join father_names as fn using (person_id)
    left join addresses as ad using (person_id)
    left join districts as d using (person_id)
    left join crime_groups as cg using (person_id)
    left join vehicle_lists as vl using (person_id)
)

select * from final
