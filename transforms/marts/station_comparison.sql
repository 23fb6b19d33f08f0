-- One row per police station, period (ISO week or month, IST) and crime group (and 'all'):
-- FIRs against earlier periods, rates and ranks within the district, tips, social complaints,
-- charge-sheeting and pendency.
--
-- An incremental build computes only the periods in the DuckDB variable build_scope (null: all;
-- station_comparison.ts): the figures later periods read (FIR counts, pendency) are counted for
-- every period in a narrow series, everything else only for the periods in scope.
--
-- The with clause continues station_comparison.facts.sql (station_comparison.ts joins the two):
-- its CTEs (firs, fir_facts, tip_facts, complaint_facts, data_end, all_periods, station_ids,
-- stations, crime_groups, …) come first.

-- The first year the data covers from its first week (month): earlier years start there.
covered_years as (
    select
        period_kind,
        min(period_year) filter (where period_number = 1) as first_full_year
    from all_periods
    group by period_kind
),

-- The periods this build computes.
periods as (
    select *
    from all_periods
    where getvariable('build_scope') is null
        or list_contains(getvariable('build_scope'), period)
),

-- Every dated fact lands in its IST week and month.
fir_by_period as (
    select
        f.*,
        k.period_kind,
        date_trunc(k.period_kind, f.registered_local)::date as period_start
    from fir_facts as f
    cross join (values ('week'), ('month')) as k (period_kind)
),

fir_counts as (
    select
        police_station_id,
        period_kind,
        period_start,
        coalesce(crime_group, 'all') as crime_group,
        count(*) as fir_count
    from fir_by_period
    group by grouping sets (
        (police_station_id, period_kind, period_start, crime_group),
        (police_station_id, period_kind, period_start)
    )
),

-- Investigations concluded in the periods computed.
disposals as (
    select
        police_station_id,
        period_kind,
        period_start,
        coalesce(crime_group, 'all') as crime_group,
        count(*) filter (where is_charge_sheeted) as charge_sheets_filed,
        count(*) filter (where not is_charge_sheeted) as closure_reports_filed
    from (
        select
            f.*,
            k.period_kind,
            date_trunc(k.period_kind, f.concluded_local)::date as period_start
        from fir_facts as f
        cross join (values ('week'), ('month')) as k (period_kind)
        where f.concluded_at is not null
    )
    semi join periods as p
        using (period_kind, period_start)
    group by grouping sets (
        (police_station_id, period_kind, period_start, crime_group),
        (police_station_id, period_kind, period_start)
    )
),

-- Pendency as events: an FIR counts as open past N days from N days after registration (if not
-- concluded by then, and not beyond the data's end) until it is concluded.
pendency_windows as (
    select
        police_station_id,
        crime_group,
        60 as days,
        registered_local + interval 60 days as starts_local,
        concluded_local
    from fir_facts
    where concluded_local is null or concluded_local > registered_local + interval 60 days
    union all
    select
        police_station_id,
        crime_group,
        90 as days,
        registered_local + interval 90 days as starts_local,
        concluded_local
    from fir_facts
    where concluded_local is null or concluded_local > registered_local + interval 90 days
),

pendency_events as (
    select
        w.police_station_id,
        w.crime_group,
        w.days,
        w.starts_local as happened_local,
        1 as change
    from pendency_windows as w
    cross join data_end as d
    where w.starts_local <= d.as_of_local
    union all
    select
        police_station_id,
        crime_group,
        days,
        concluded_local as happened_local,
        -1 as change
    from pendency_windows
    where concluded_local is not null
),

pendency_changes as (
    select
        police_station_id,
        period_kind,
        period_start,
        coalesce(crime_group, 'all') as crime_group,
        sum(change) filter (where days = 60) as open_60_change,
        sum(change) filter (where days = 90) as open_90_change
    from (
        select
            e.*,
            k.period_kind,
            date_trunc(k.period_kind, e.happened_local)::date as period_start
        from pendency_events as e
        cross join (values ('week'), ('month')) as k (period_kind)
    )
    group by grouping sets (
        (police_station_id, period_kind, period_start, crime_group),
        (police_station_id, period_kind, period_start)
    )
),

tip_counts as (
    select
        t.police_station_id,
        k.period_kind,
        date_trunc(k.period_kind, timezone('Asia/Kolkata', t.received_at))::date as period_start,
        'all' as crime_group,
        count(*) as tips_received,
        count(t.action_taken_at) as tips_actioned,
        median(epoch(t.action_taken_at - t.received_at) / 3600.0) as median_hours_to_action
    from tip_facts as t
    cross join (values ('week'), ('month')) as k (period_kind)
    group by all
),

complaint_counts as (
    select
        c.police_station_id,
        k.period_kind,
        date_trunc(k.period_kind, timezone('Asia/Kolkata', c.created_at))::date as period_start,
        'all' as crime_group,
        count(*) as social_complaint_count,
        count(*) filter (where c.is_answered_within_2h) as social_answered_within_2h_count
    from complaint_facts as c
    cross join (values ('week'), ('month')) as k (period_kind)
    group by all
),

-- Every station, period and crime group with the figures later periods read (narrow: the windows
-- sort it), over all periods.
series as (
    select
        s.police_station_id,
        g.crime_group,
        p.period_kind,
        p.period_start,
        p.period_year,
        p.period_number,
        coalesce(f.fir_count, 0) as fir_count,
        coalesce(pc.open_60_change, 0) as open_60_change,
        coalesce(pc.open_90_change, 0) as open_90_change
    from station_ids as s
    cross join all_periods as p
    cross join crime_groups as g
    left join fir_counts as f
        on s.police_station_id = f.police_station_id
        and p.period_kind = f.period_kind
        and p.period_start = f.period_start
        and g.crime_group = f.crime_group
    left join pendency_changes as pc
        on s.police_station_id = pc.police_station_id
        and p.period_kind = pc.period_kind
        and p.period_start = pc.period_start
        and g.crime_group = pc.crime_group
),

-- One sort: the year to date runs from the row of week 1 (January), period_number − 1 rows back
-- (the series has every period; the first year of the data may start later).
windowed as (
    select
        *,
        lag(fir_count) over series as previous_period_fir_count,
        case
            when period_kind = 'week' and count(*) over trailing_4 = 4 then avg(fir_count) over trailing_4
        end as trailing_4_week_average,
        sum(fir_count) over year_to_date as ytd_fir_count,
        sum(open_60_change) over running as open_past_60_days,
        sum(open_90_change) over running as open_past_90_days
    from series
    window
        series as (partition by police_station_id, crime_group, period_kind order by period_start),
        trailing_4 as (
            partition by police_station_id, crime_group, period_kind order by period_start
            rows between 4 preceding and 1 preceding
        ),
        year_to_date as (
            partition by police_station_id, crime_group, period_kind order by period_start
            rows between period_number - 1 preceding and current row
        ),
        running as (
            partition by police_station_id, crime_group, period_kind order by period_start
            rows between unbounded preceding and current row
        )
),

-- The rows computed: the periods in scope, with everything else.
filled as (
    select
        w.*,
        s.district,
        s.police_station,
        s.population,
        p.period,
        p.period_end,
        w.fir_count * 1e5 / s.population as rate_per_100k,
        coalesce(d.charge_sheets_filed, 0) as charge_sheets_filed,
        coalesce(d.closure_reports_filed, 0) as closure_reports_filed,
        case when w.crime_group = 'all' then coalesce(t.tips_received, 0) end as tips_received,
        case when w.crime_group = 'all' then coalesce(t.tips_actioned, 0) end as tips_actioned,
        t.median_hours_to_action,
        case when w.crime_group = 'all' then coalesce(c.social_complaint_count, 0) end as social_complaint_count,
        case when w.crime_group = 'all' then coalesce(c.social_answered_within_2h_count, 0) end
            as social_answered_within_2h_count
    from windowed as w
    inner join periods as p
        on w.period_kind = p.period_kind
        and w.period_start = p.period_start
    inner join stations as s
        on w.police_station_id = s.police_station_id
    left join disposals as d
        on w.police_station_id = d.police_station_id
        and w.period_kind = d.period_kind
        and w.period_start = d.period_start
        and w.crime_group = d.crime_group
    left join tip_counts as t
        on w.police_station_id = t.police_station_id
        and w.period_kind = t.period_kind
        and w.period_start = t.period_start
        and w.crime_group = t.crime_group
    left join complaint_counts as c
        on w.police_station_id = c.police_station_id
        and w.period_kind = c.period_kind
        and w.period_start = c.period_start
        and w.crime_group = c.crime_group
),

-- Same period last year: the same ISO week number (month) of the year before.
last_year as (
    select
        w.police_station_id,
        w.crime_group,
        w.period_kind,
        w.period_start,
        ly.fir_count as last_year_fir_count
    from filled as w
    inner join windowed as ly
        on w.police_station_id = ly.police_station_id
        and w.crime_group = ly.crime_group
        and w.period_kind = ly.period_kind
        and ly.period_year = w.period_year - 1
        and ly.period_number = w.period_number
),

-- Year to date against the same span (week 1 or January up to this week or month) of each
-- earlier year the data covers; week 53 compares with week 52 in a year without one.
earlier_spans as (
    select
        w.police_station_id,
        w.crime_group,
        w.period_kind,
        w.period_start,
        y.period_year as earlier_year,
        least(
            w.period_number,
            case when w.period_kind = 'week' then week(make_date(y.period_year::integer, 12, 28)) else 12 end
        ) as earlier_number,
        w.period_year
    from filled as w
    inner join covered_years as c
        on w.period_kind = c.period_kind
    inner join (select distinct period_kind, period_year from all_periods) as y
        on w.period_kind = y.period_kind
        and y.period_year < w.period_year
        and y.period_year >= c.first_full_year
),

earlier_ytd as (
    select
        s.police_station_id,
        s.crime_group,
        s.period_kind,
        s.period_start,
        avg(e.ytd_fir_count) as ytd_earlier_years_average,
        count(*) as ytd_earlier_years,
        max(e.ytd_fir_count) filter (where s.earlier_year = s.period_year - 1) as ytd_last_year_fir_count
    from earlier_spans as s
    inner join windowed as e
        on s.police_station_id = e.police_station_id
        and s.crime_group = e.crime_group
        and s.period_kind = e.period_kind
        and s.earlier_year = e.period_year
        and s.earlier_number = e.period_number
    group by s.police_station_id, s.crime_group, s.period_kind, s.period_start
),

-- Mean and spread of the rates of a district's thanas with a known population, summed in station
-- order: a floating-point sum depends on its order, and every build must give the same bits.
district_rates as (
    select
        district,
        period_kind,
        period_start,
        crime_group,
        list(rate_per_100k order by police_station_id) as rates
    from filled
    where population is not null
    group by district, period_kind, period_start, crime_group
),

-- Rank of the rate among the district's thanas with a known population (keys and rates only: the
-- window sorts what it carries).
district_ranks as (
    select
        police_station_id,
        period_kind,
        period_start,
        crime_group,
        rank() over (
            partition by district, period_kind, period_start, crime_group order by rate_per_100k desc
        ) as district_rank
    from filled
    where population is not null
),

-- Rank and z-score of the rate among the district's thanas with a known population.
compared as (
    select
        w.*,
        k.district_rank,
        case when w.population is not null then
            len(r.rates)
        end as district_thana_count,
        case when w.population is not null then
            (w.rate_per_100k - list_avg(r.rates)) / nullif(list_stddev_pop(r.rates), 0)
        end as district_z_score
    from filled as w
    left join district_rates as r
        on w.district = r.district
        and w.period_kind = r.period_kind
        and w.period_start = r.period_start
        and w.crime_group = r.crime_group
    left join district_ranks as k
        on w.police_station_id = k.police_station_id
        and w.period_kind = k.period_kind
        and w.period_start = k.period_start
        and w.crime_group = k.crime_group
),

final as (
    select
        c.district,
        c.police_station_id,
        c.police_station,
        c.period_kind,
        c.period,
        c.period_start,
        c.period_end,
        c.period_end <= cast(d.as_of_local as date) as is_complete_period,
        c.crime_group,
        c.fir_count,
        c.previous_period_fir_count,
        c.fir_count - c.previous_period_fir_count as change_vs_previous_period,
        (c.fir_count - c.previous_period_fir_count) / nullif(c.previous_period_fir_count, 0)
            as pct_change_vs_previous_period,
        ly.last_year_fir_count,
        (c.fir_count - ly.last_year_fir_count) / nullif(ly.last_year_fir_count, 0) as pct_change_vs_last_year,
        c.trailing_4_week_average,
        (c.fir_count - c.trailing_4_week_average) / nullif(c.trailing_4_week_average, 0)
            as pct_change_vs_trailing_4_week_average,
        c.ytd_fir_count,
        e.ytd_last_year_fir_count,
        (c.ytd_fir_count - e.ytd_last_year_fir_count) / nullif(e.ytd_last_year_fir_count, 0)
            as pct_change_ytd_vs_last_year,
        e.ytd_earlier_years_average,
        coalesce(e.ytd_earlier_years, 0) as ytd_earlier_years,
        (c.ytd_fir_count - e.ytd_earlier_years_average) / nullif(e.ytd_earlier_years_average, 0)
            as pct_change_ytd_vs_earlier_years,
        c.population,
        c.rate_per_100k,
        c.district_rank,
        c.district_thana_count,
        c.district_z_score,
        c.tips_received,
        c.tips_actioned,
        c.median_hours_to_action,
        c.social_complaint_count,
        c.social_answered_within_2h_count,
        c.social_answered_within_2h_count / nullif(c.social_complaint_count, 0) as share_social_answered_within_2h,
        c.charge_sheets_filed,
        c.closure_reports_filed,
        c.charge_sheets_filed / nullif(c.charge_sheets_filed + c.closure_reports_filed, 0) as charge_sheet_rate,
        c.open_past_60_days,
        c.open_past_90_days,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from compared as c
    cross join data_end as d
    left join last_year as ly
        on c.police_station_id = ly.police_station_id
        and c.crime_group = ly.crime_group
        and c.period_kind = ly.period_kind
        and c.period_start = ly.period_start
    left join earlier_ytd as e
        on c.police_station_id = e.police_station_id
        and c.crime_group = e.crime_group
        and c.period_kind = e.period_kind
        and c.period_start = e.period_start
)

select * from final
