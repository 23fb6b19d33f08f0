-- Weekly hotspots: one row per district, police station and crime group with FIRs registered in
-- an ISO week (Asia/Kolkata), beside the week before. Bound parameters: $week ('YYYY-Www'),
-- $previous_start, $week_start, $week_end (UTC instants as ISO 8601 text; the week is
-- [$week_start, $week_end), the week before [$previous_start, $week_start)).
with

firs as (
    select * from firs
),

in_window as (
    select
        district,
        police_station_id,
        police_station,
        coalesce(crime_group, 'unknown') as crime_group,
        registered_at >= $week_start::timestamptz as is_this_week
    from firs
    where registered_at >= $previous_start::timestamptz
        and registered_at < $week_end::timestamptz
),

counted as (
    select
        district,
        police_station_id,
        any_value(police_station) as police_station,
        crime_group,
        count(*) filter (where is_this_week)::integer as fir_count,
        count(*) filter (where not is_this_week)::integer as previous_week_fir_count
    from in_window
    group by district, police_station_id, crime_group
),

ranked as (
    select
        $week::varchar as week,
        district,
        police_station_id,
        police_station,
        crime_group,
        fir_count,
        previous_week_fir_count,
        fir_count - previous_week_fir_count as change_from_previous_week,
        rank() over (partition by district order by fir_count desc)::integer as rank_in_district
    from counted
    where fir_count > 0
),

final as (
    select * from ranked
    order by district, rank_in_district, police_station_id, crime_group
)

select * from final
