-- One row per police station and ISO week (IST): the sensitivity of the thana for the weeks
-- ahead, as known at the end of the week; a score from the factors of
-- sensitivity_assessment.yaml (bound as parameters), its level and the factors that decided it.
-- Rules: sensitivity_assessment.md.
with

incidents as (
    select * from incidents
),

firs as (
    select * from firs
),

fir_sections as (
    select * from fir_sections
),

tips as (
    select * from tips
),

hotspot_cells as (
    select * from hotspot_cells
),

emerging_hotspots as (
    select * from emerging_hotspots
),

events as (
    select * from events
),

flagged_posts as (
    select * from flagged_posts
),

reference_stations as (
    select * from sensitivity_stations
),

weeks as (
    select unnest(generate_series(min(week_start), max(week_start), interval 7 day))::date as week_start
    from incidents
),

stations as (
    select police_station_id, police_station, district
    from reference_stations
    union all
    select police_station_id, any_value(police_station) as police_station, any_value(district) as district
    from firs
    where police_station_id not in (select police_station_id from reference_stations)
    group by police_station_id
),

station_weeks as (
    select
        s.police_station_id,
        s.police_station,
        s.district,
        w.week_start,
        strftime(w.week_start, '%G-W%V') as week
    from stations as s
    cross join weeks as w
),

-- The thana of a cell: the one with most incidents there (ties: the smaller id).
cell_stations as (
    select h3_cell, police_station_id
    from (
        select h3_cell, police_station_id, count(*) as n
        from incidents
        where police_station_id is not null
        group by h3_cell, police_station_id
    )
    qualify row_number() over (partition by h3_cell order by n desc, police_station_id) = 1
),

hot_weekly as (
    select
        c.police_station_id,
        h.week_start,
        count(distinct h.h3_cell) as n,
        string_agg(distinct replace(h.crime_group, '_', ' '), ', ' order by replace(h.crime_group, '_', ' ')) as groups
    from hotspot_cells as h
    join cell_stations as c using (h3_cell)
    where h.bin >= 2 and not starts_with(h.crime_group, 'tip_')
    group by c.police_station_id, h.week_start
),

emerging as (
    select
        c.police_station_id,
        e.window_end_week_start as week_start,
        any_value(e.weeks) as weeks,
        count(distinct e.h3_cell) as value,
        string_agg(distinct replace(e.pattern, '_', ' '), ', ' order by replace(e.pattern, '_', ' ')) as detail
    from emerging_hotspots as e
    join cell_stations as c using (h3_cell)
    where e.pattern in ('new_hot_spot', 'consecutive_hot_spot', 'intensifying_hot_spot', 'persistent_hot_spot')
        and not starts_with(e.crime_group, 'tip_')
    group by c.police_station_id, e.window_end_week_start
),

station_tips as (
    select
        tip_id,
        police_station_id,
        category,
        date_trunc('week', timezone('Asia/Kolkata', received_at))::date as week_start,
        timezone('Asia/Kolkata', received_at)::date as received_date,
        list_contains(string_split($communal_categories, ','), category) as is_communal,
        list_contains(string_split($arms_categories, ','), category) as is_arms
    from tips
    where police_station_id is not null
),

tip_weekly as (
    select
        police_station_id,
        week_start,
        count(*) filter (where is_communal) as communal,
        count(*) filter (where is_arms) as arms
    from station_tips
    where is_communal or is_arms
    group by police_station_id, week_start
),

riot_firs as (
    select distinct
        f.fir_id,
        f.police_station_id,
        date_trunc('week', timezone('Asia/Kolkata', f.registered_at))::date as week_start,
        timezone('Asia/Kolkata', f.registered_at)::date as registered_date
    from firs as f
    join fir_sections as s using (fir_id)
    where list_contains(string_split($riot_crime_heads, ','), s.crime_head_id)
),

riot_weekly as (
    select police_station_id, week_start, count(*) as n
    from riot_firs
    group by police_station_id, week_start
),

flagged_weekly as (
    select
        police_station_id,
        date_trunc('week', timezone('Asia/Kolkata', created_at))::date as week_start,
        count(*) as n
    from flagged_posts
    where police_station_id is not null
    group by all
),

-- What each thana had in each week (zeros included).
signals as (
    select
        sw.police_station_id,
        sw.week_start,
        coalesce(h.n, 0) as hot,
        coalesce(t.communal, 0) as communal,
        coalesce(t.arms, 0) as arms,
        coalesce(r.n, 0) as riot,
        coalesce(f.n, 0) as flagged
    from station_weeks as sw
    left join hot_weekly as h using (police_station_id, week_start)
    left join tip_weekly as t using (police_station_id, week_start)
    left join riot_weekly as r using (police_station_id, week_start)
    left join flagged_weekly as f using (police_station_id, week_start)
),

-- Counts of the assessed period (hot cells: the week; the rest: the lookback weeks) and of the
-- baseline weeks before it.
windowed as (
    select
        s.police_station_id,
        s.week_start,
        sum(o.hot) filter (where o.week_start = s.week_start) as hot,
        sum(o.hot) filter (where o.week_start < s.week_start and o.week_start >= s.week_start - 7 * $baseline_weeks)
            as hot_base,
        count(*) filter (where o.week_start < s.week_start and o.week_start >= s.week_start - 7 * $baseline_weeks)
            as hot_base_weeks,
        sum(o.communal) filter (where o.week_start > s.week_start - 7 * $lookback_weeks) as communal,
        sum(o.arms) filter (where o.week_start > s.week_start - 7 * $lookback_weeks) as arms,
        sum(o.riot) filter (where o.week_start > s.week_start - 7 * $lookback_weeks) as riot,
        sum(o.flagged) filter (where o.week_start > s.week_start - 7 * $lookback_weeks) as flagged,
        sum(o.communal) filter (where o.week_start <= s.week_start - 7 * $lookback_weeks) as communal_base,
        sum(o.arms) filter (where o.week_start <= s.week_start - 7 * $lookback_weeks) as arms_base,
        sum(o.riot) filter (where o.week_start <= s.week_start - 7 * $lookback_weeks) as riot_base,
        sum(o.flagged) filter (where o.week_start <= s.week_start - 7 * $lookback_weeks) as flagged_base,
        count(*) filter (where o.week_start <= s.week_start - 7 * $lookback_weeks) as base_weeks
    from signals as s
    join signals as o
        on o.police_station_id = s.police_station_id
        and o.week_start between s.week_start - 7 * ($lookback_weeks + $baseline_weeks - 1) and s.week_start
    group by s.police_station_id, s.week_start
),

-- The usual level of a count: the baseline mean scaled to the period, plus usual_sd × √mean
-- (Poisson); the factor counts what goes beyond it.
usual as (
    select
        police_station_id,
        week_start,
        hot,
        communal,
        arms,
        riot,
        flagged,
        if(hot_base_weeks = 0, 0, hot_base / hot_base_weeks) as hot_mean,
        if(base_weeks = 0, 0, communal_base * $lookback_weeks / base_weeks) as communal_mean,
        if(base_weeks = 0, 0, arms_base * $lookback_weeks / base_weeks) as arms_mean,
        if(base_weeks = 0, 0, riot_base * $lookback_weeks / base_weeks) as riot_mean,
        if(base_weeks = 0, 0, flagged_base * $lookback_weeks / base_weeks) as flagged_mean
    from windowed
),

counted as (
    select
        police_station_id,
        week_start,
        unnest([
            {'factor': 'hotspot_cells', 'count': hot, 'mean': hot_mean},
            {'factor': 'communal_tips', 'count': communal, 'mean': communal_mean},
            {'factor': 'arms_tips', 'count': arms, 'mean': arms_mean},
            {'factor': 'riot_firs', 'count': riot, 'mean': riot_mean},
            {'factor': 'flagged_posts', 'count': flagged, 'mean': flagged_mean}
        ], recursive := true)
    from usual
),

beyond_usual as (
    select
        police_station_id,
        week_start,
        factor,
        count::integer as count,
        mean + $usual_sd * sqrt(mean) as usual,
        greatest(0, floor(count - (mean + $usual_sd * sqrt(mean))))::integer as excess
    from counted
    where count > 0
),

communal_categories as (
    select
        sw.police_station_id,
        sw.week_start,
        string_agg(distinct replace(t.category, '_', ' '), ', ' order by replace(t.category, '_', ' ')) as categories
    from station_weeks as sw
    join station_tips as t
        on t.police_station_id = sw.police_station_id
        and t.week_start between sw.week_start - 7 * ($lookback_weeks - 1) and sw.week_start
    where t.is_communal
    group by sw.police_station_id, sw.week_start
),

-- Events running in the weeks after the assessed week, in the thana's scope.
upcoming as (
    select
        sw.police_station_id,
        sw.week_start,
        e.event_id,
        e.name,
        e.kind,
        e.start_date,
        e.end_date,
        e.district as event_district,
        e.police_station_id as event_police_station_id
    from station_weeks as sw
    join events as e
        on (e.district is null or e.district = sw.district)
        and (e.police_station is null or e.police_station_id = sw.police_station_id)
        and e.start_date <= sw.week_start + 7 * ($lookahead_weeks + 1) - 1
        and e.end_date >= sw.week_start + 7
),

event_counts as (
    select
        police_station_id,
        week_start,
        count(*) as value,
        least(
            sum(case kind when 'festival' then $festival_points when 'election' then $election_points else $other_points end),
            $events_cap
        ) as points,
        string_agg(kind || ' ' || name || ' from ' || strftime(start_date, '%Y-%m-%d'), '; ' order by start_date, name)
            as detail
    from upcoming
    group by police_station_id, week_start
),

-- The same event a year before: the calendar's entry of that name and place 300-430 days
-- earlier, else the same dates a year earlier.
prior_events as (
    select
        u.police_station_id,
        u.week_start,
        u.event_id,
        u.name,
        coalesce(p.start_date, (u.start_date - interval 1 year)::date) as prior_start,
        coalesce(p.end_date, (u.end_date - interval 1 year)::date) as prior_end
    from upcoming as u
    left join events as p
        on lower(p.name) = lower(u.name)
        and p.district is not distinct from u.event_district
        and p.police_station_id is not distinct from u.event_police_station_id
        and p.start_date between u.start_date - 430 and u.start_date - 300
    qualify row_number() over (
        partition by u.police_station_id, u.week_start, u.event_id order by p.start_date desc nulls last
    ) = 1
),

past_incidents as (
    select 'fir:' || fir_id as incident_id, police_station_id, registered_date as day
    from riot_firs
    union all
    select 'tip:' || tip_id, police_station_id, received_date
    from station_tips
    where is_communal
),

last_year as (
    select
        pe.police_station_id,
        pe.week_start,
        count(distinct i.incident_id) as value,
        string_agg(distinct pe.name, ', ' order by pe.name) as detail
    from prior_events as pe
    join past_incidents as i
        on i.police_station_id = pe.police_station_id
        and i.day between pe.prior_start and pe.prior_end
    group by pe.police_station_id, pe.week_start
),

factors as (
    select
        b.police_station_id,
        b.week_start,
        b.factor,
        b.count as value,
        least(b.excess, case b.factor
            when 'hotspot_cells' then $hotspot_cells_cap
            when 'communal_tips' then $communal_tips_cap
            when 'arms_tips' then $arms_tips_cap
            when 'riot_firs' then $riot_firs_cap
            else $flagged_posts_cap
        end) * case b.factor
            when 'hotspot_cells' then $hotspot_cells_points
            when 'communal_tips' then $communal_tips_points
            when 'arms_tips' then $arms_tips_points
            when 'riot_firs' then $riot_firs_points
            else $flagged_posts_points
        end as points,
        b.count || case b.factor
            when 'hotspot_cells' then ' hot spot cell' || if(b.count = 1, '', 's') || ' (95%) in its area this week: ' || h.groups
            when 'communal_tips' then ' communal-risk tip' || if(b.count = 1, '', 's') || ' (' || c.categories || ') in the last '
                || $lookback_weeks || ' weeks'
            when 'arms_tips' then ' arms tip' || if(b.count = 1, '', 's') || ' in the last ' || $lookback_weeks || ' weeks'
            when 'riot_firs' then ' FIR' || if(b.count = 1, '', 's') || ' under rioting or communal sections in the last '
                || $lookback_weeks || ' weeks'
            else ' flagged social post' || if(b.count = 1, '', 's') || ' about it in the last ' || $lookback_weeks || ' weeks'
        end || if(b.usual > 0, ' (usual up to ' || round(b.usual, 1) || ')', '') as detail
    from beyond_usual as b
    left join hot_weekly as h
        on b.factor = 'hotspot_cells' and h.police_station_id = b.police_station_id and h.week_start = b.week_start
    left join communal_categories as c
        on b.factor = 'communal_tips' and c.police_station_id = b.police_station_id and c.week_start = b.week_start
    union all
    select
        police_station_id, week_start, 'emerging_hotspot_cells', value,
        least(value, $emerging_hotspot_cells_cap) * $emerging_hotspot_cells_points,
        value || ' emerging hot spot cell' || if(value = 1, '', 's') || ' in its area over the last '
            || weeks || ' weeks: ' || detail
    from emerging
    union all
    select
        police_station_id, week_start, 'upcoming_events', value, points,
        'coming in the next ' || $lookahead_weeks || ' weeks: ' || detail
    from event_counts
    union all
    select
        police_station_id, week_start, 'last_year_incidents', value,
        least(value, $last_year_incidents_cap) * $last_year_incidents_points,
        value || ' riot or communal incident' || if(value = 1, '', 's') || ' during ' || detail || ' last year'
    from last_year
),

deciding as (
    select * from factors
    where points > 0
),

scored as (
    select
        sw.police_station_id,
        sw.police_station,
        sw.district,
        sw.week,
        sw.week_start,
        -- Summed in factor order: a floating-point sum depends on its order, and every build must
        -- give the same bits.
        coalesce(list_sum(list(d.points order by d.factor)), 0)::double as score,
        to_json(
            coalesce(
                list({'factor': d.factor, 'count': d.value, 'points': d.points, 'detail': d.detail}
                    order by d.points desc, d.factor) filter (where d.factor is not null),
                []
            )
        )::varchar as factors,
        string_agg(d.detail, '; ' order by d.points desc, d.factor) as details
    from station_weeks as sw
    left join deciding as d
        on d.police_station_id = sw.police_station_id and d.week_start = sw.week_start
    group by sw.police_station_id, sw.police_station, sw.district, sw.week, sw.week_start
),

counts as (
    select
        police_station_id,
        week_start,
        sum(value) filter (where factor = 'hotspot_cells')::integer as hotspot_cell_count,
        sum(value) filter (where factor = 'emerging_hotspot_cells')::integer as emerging_hotspot_cell_count,
        sum(value) filter (where factor = 'communal_tips')::integer as communal_tip_count,
        sum(value) filter (where factor = 'arms_tips')::integer as arms_tip_count,
        sum(value) filter (where factor = 'riot_firs')::integer as riot_fir_count,
        sum(value) filter (where factor = 'flagged_posts')::integer as flagged_post_count,
        sum(value) filter (where factor = 'upcoming_events')::integer as upcoming_event_count,
        sum(value) filter (where factor = 'last_year_incidents')::integer as last_year_incident_count
    from factors
    group by police_station_id, week_start
),

final as (
    select
        s.district,
        s.police_station_id,
        s.police_station,
        s.week,
        s.week_start,
        s.score,
        case
            when s.score >= $hyper_sensitive then 'hyper-sensitive'
            when s.score >= $sensitive then 'sensitive'
            else 'normal'
        end as level,
        s.factors,
        case
            when s.score >= $hyper_sensitive then 'Hyper-sensitive'
            when s.score >= $sensitive then 'Sensitive'
            else 'Normal'
        end || ' (score ' || round(s.score, 1) || '): '
            || coalesce(s.details, 'no risk factor') || '.' as reason,
        coalesce(c.hotspot_cell_count, 0) as hotspot_cell_count,
        coalesce(c.emerging_hotspot_cell_count, 0) as emerging_hotspot_cell_count,
        coalesce(c.communal_tip_count, 0) as communal_tip_count,
        coalesce(c.arms_tip_count, 0) as arms_tip_count,
        coalesce(c.riot_fir_count, 0) as riot_fir_count,
        coalesce(c.flagged_post_count, 0) as flagged_post_count,
        coalesce(c.upcoming_event_count, 0) as upcoming_event_count,
        coalesce(c.last_year_incident_count, 0) as last_year_incident_count
    from scored as s
    left join counts as c
        on c.police_station_id = s.police_station_id and c.week_start = s.week_start
)

select * from final
