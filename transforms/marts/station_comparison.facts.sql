-- The facts station_comparison is computed from, defined once: the start of the with clause of
-- both station_comparison.sql (the rows) and station_comparison.fingerprints.sql (what each
-- period's rows read), which station_comparison.ts puts after it. FIRs with their conclusion,
-- tips with their action, complaints, the data's end, every period from the first to the last
-- dated fact, the stations and the crime groups.
with

firs as (
    select * from firs
),

final_reports as (
    select * from final_reports
),

tips as (
    select * from tips
),

tip_events as (
    select * from tip_events
),

social_response_times as (
    select * from social_response_times
),

police_stations as (
    select * from police_stations
),

reports_per_fir as (
    select
        fir_id,
        min(filed_at) as first_filed_at,
        bool_or(report_type = 'charge_sheet') as has_charge_sheet
    from final_reports
    group by fir_id
),

-- Concluded: a report filed or a status other than under investigation. Concluded when the first
-- report was filed (else when CCTNS last changed the FIR).
fir_instants as (
    select
        f.fir_id,
        f.district,
        f.police_station_id,
        coalesce(f.crime_group, 'unknown') as crime_group,
        f.registered_at,
        f.status = 'charge_sheeted' or coalesce(r.has_charge_sheet, false) as is_charge_sheeted,
        case
            when f.status <> 'under_investigation' or r.first_filed_at is not null
                then greatest(coalesce(r.first_filed_at, f.last_updated_at, f.registered_at), f.registered_at)
        end as concluded_at
    from firs as f
    left join reports_per_fir as r
        on f.fir_id = r.fir_id
),

-- Instants in IST once (time zone conversion is the costly step); IST has no daylight saving,
-- so a local time plus N days is the local time of the instant plus N days.
fir_facts as (
    select
        *,
        timezone('Asia/Kolkata', registered_at) as registered_local,
        timezone('Asia/Kolkata', concluded_at) as concluded_local
    from fir_instants
),

tip_actions as (
    select
        tip_id,
        min(event_at) as action_taken_at
    from tip_events
    where event = 'action_taken'
    group by tip_id
),

tip_facts as (
    select
        t.tip_id,
        t.police_station_id,
        t.received_at,
        coalesce(a.action_taken_at, t.action_taken_at) as action_taken_at
    from tips as t
    left join tip_actions as a
        on t.tip_id = a.tip_id
    where t.police_station_id is not null
),

complaint_facts as (
    select
        post_id,
        police_station_id,
        created_at,
        is_answered_within_2h
    from social_response_times
    where police_station_id is not null
),

-- The data's end: pendency is counted up to it, never beyond.
data_end as (
    select greatest(max(registered_local), max(concluded_local)) as as_of_local
    from fir_facts
),

local_instants as (
    select registered_local as happened_local from fir_facts
    union all
    select concluded_local from fir_facts
    union all
    select timezone('Asia/Kolkata', received_at) from tip_facts
    union all
    select timezone('Asia/Kolkata', created_at) from complaint_facts
),

bounds as (
    select
        min(happened_local) as first_local,
        max(happened_local) as last_local
    from local_instants
),

-- The first instant of every week and month from the first dated fact's to the last one's.
period_starts as (
    select
        k.period_kind,
        k.length,
        unnest(range(
            date_trunc(k.period_kind, b.first_local),
            date_trunc(k.period_kind, b.last_local) + k.length,
            k.length
        )) as period_start
    from bounds as b
    cross join (values ('week', interval 7 days), ('month', interval 1 month)) as k (period_kind, length)
),

-- Weeks are ISO weeks: numbered within their ISO year.
all_periods as (
    select
        period_kind,
        if(period_kind = 'week', strftime(period_start, '%G-W%V'), strftime(period_start, '%Y-%m')) as period,
        period_start::date as period_start,
        (period_start + length)::date as period_end,
        if(period_kind = 'week', isoyear(period_start), year(period_start)) as period_year,
        if(period_kind = 'week', week(period_start), month(period_start)) as period_number
    from period_starts
),

station_ids as (
    select police_station_id from police_stations
    union
    select police_station_id from fir_facts
    union
    select police_station_id from tip_facts
),

-- A station's district and name as its FIRs give them, else its tips (for stations not in
-- police_stations).
labels as (
    select
        police_station_id,
        coalesce(min(district) filter (where is_fir), min(district)) as district,
        coalesce(min(police_station) filter (where is_fir), min(police_station)) as police_station
    from (
        select police_station_id, district, police_station, true as is_fir from firs
        union all
        select police_station_id, district, police_station, false from tips
    )
    where police_station_id is not null
    group by police_station_id
),

stations as (
    select
        s.police_station_id,
        coalesce(ps.district, l.district) as district,
        coalesce(ps.police_station, l.police_station) as police_station,
        ps.population
    from station_ids as s
    left join police_stations as ps
        on s.police_station_id = ps.police_station_id
    left join labels as l
        on s.police_station_id = l.police_station_id
),

crime_groups as (
    select distinct crime_group from fir_facts
    union
    select 'all' as crime_group
)
