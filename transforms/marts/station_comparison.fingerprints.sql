-- Fingerprint of each period of station_comparison: a digest of exactly the inputs its rows are
-- computed from (station_comparison.sql), worked out without computing them.
-- - The FIRs registered before the period's end, each as it stood at that end: open (station,
--   crime group, registration) or concluded (and when, and whether charge-sheeted). A running
--   XOR over the periods: an FIR adds its open digest at registration and swaps it for its
--   concluded digest at its conclusion, so a status change moves only the periods from its
--   conclusion on, and a new FIR only those from its registration on.
-- - The data's end, where it falls before the period's end (completeness, pendency).
-- - The tips received and complaints made in the period (with their actions and answers).
-- - What every period reads: the stations (names, population), the crime groups, the first
--   week and month of the data.
with

reports_per_fir as (
    select
        fir_id,
        min(filed_at) as first_filed_at,
        bool_or(report_type = 'charge_sheet') as has_charge_sheet
    from final_reports
    group by fir_id
),

-- As in station_comparison.sql.
fir_instants as (
    select
        f.fir_id,
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

fir_facts as (
    select
        timezone('Asia/Kolkata', registered_at) as registered_local,
        timezone('Asia/Kolkata', concluded_at) as concluded_local,
        hash(fir_id, police_station_id, crime_group, registered_at) as opened,
        hash(fir_id, police_station_id, crime_group, registered_at, concluded_at, is_charge_sheeted) as concluded
    from fir_instants
),

fir_events as (
    select
        registered_local as happened_local,
        opened as digest
    from fir_facts
    union all
    select
        concluded_local,
        xor(opened, concluded)
    from fir_facts
    where concluded_local is not null
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

-- The periods station_comparison.sql outputs.
periods as (
    select
        'week' as period_kind,
        strftime(period_start, '%G-W%V') as period,
        period_start::date as period_start,
        (period_start + interval 7 days)::date as period_end
    from (
        select unnest(range(
            date_trunc('week', first_local),
            date_trunc('week', last_local) + interval 7 days,
            interval 7 days
        )) as period_start
        from bounds
    )
    union all
    select
        'month' as period_kind,
        strftime(period_start, '%Y-%m') as period,
        period_start::date as period_start,
        (period_start + interval 1 month)::date as period_end
    from (
        select unnest(range(
            date_trunc('month', first_local),
            date_trunc('month', last_local) + interval 1 month,
            interval 1 month
        )) as period_start
        from bounds
    )
),

kinds as (
    select * from (values ('week'), ('month')) as k (period_kind)
),

fir_digests as (
    select
        k.period_kind,
        date_trunc(k.period_kind, e.happened_local)::date as period_start,
        bit_xor(e.digest) as digest
    from fir_events as e
    cross join kinds as k
    group by all
),

tip_digests as (
    select
        k.period_kind,
        date_trunc(k.period_kind, timezone('Asia/Kolkata', t.received_at))::date as period_start,
        bit_xor(hash(t.tip_id, t.police_station_id, t.received_at, t.action_taken_at)) as digest
    from tip_facts as t
    cross join kinds as k
    group by all
),

complaint_digests as (
    select
        k.period_kind,
        date_trunc(k.period_kind, timezone('Asia/Kolkata', c.created_at))::date as period_start,
        bit_xor(hash(c.post_id, c.police_station_id, c.created_at, c.is_answered_within_2h)) as digest
    from complaint_facts as c
    cross join kinds as k
    group by all
),

-- As in station_comparison.sql: every station and its labels, and the crime groups.
stations as (
    select
        s.police_station_id,
        coalesce(ps.district, fl.district, tl.district) as district,
        coalesce(ps.police_station, fl.police_station, tl.police_station) as police_station,
        ps.population
    from (
        select police_station_id from police_stations
        union
        select police_station_id from firs
        union
        select police_station_id from tip_facts
    ) as s
    left join police_stations as ps
        on s.police_station_id = ps.police_station_id
    left join (
        select police_station_id, min(district) as district, min(police_station) as police_station
        from firs
        group by police_station_id
    ) as fl
        on s.police_station_id = fl.police_station_id
    left join (
        select police_station_id, min(district) as district, min(police_station) as police_station
        from tips
        where police_station_id is not null
        group by police_station_id
    ) as tl
        on s.police_station_id = tl.police_station_id
),

shared as (
    select hash(
        (select list((police_station_id, district, police_station, population) order by police_station_id) from stations),
        (select list(crime_group order by crime_group) from (select distinct coalesce(crime_group, 'unknown') as crime_group from firs)),
        (select date_trunc('week', first_local)::date from bounds),
        (select date_trunc('month', first_local)::date from bounds)
    ) as digest
),

fingerprinted as (
    select
        p.period,
        p.period_end,
        bit_xor(coalesce(f.digest, 0)) over (
            partition by p.period_kind order by p.period_start rows between unbounded preceding and current row
        ) as fir_digest,
        t.digest as tip_digest,
        c.digest as complaint_digest
    from periods as p
    left join fir_digests as f
        on p.period_kind = f.period_kind
        and p.period_start = f.period_start
    left join tip_digests as t
        on p.period_kind = t.period_kind
        and p.period_start = t.period_start
    left join complaint_digests as c
        on p.period_kind = c.period_kind
        and p.period_start = c.period_start
)

select
    f.period as value,
    printf(
        '%016x',
        hash(
            s.digest,
            f.fir_digest,
            f.tip_digest,
            f.complaint_digest,
            -- The data's end matters only when it falls before the period's end.
            case when d.as_of_local < f.period_end then d.as_of_local end
        )
    ) as fingerprint
from fingerprinted as f
cross join shared as s
cross join data_end as d
