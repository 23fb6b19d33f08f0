-- One row per police station, month (IST) and crime head: FIRs registered.
with

firs as (
    select * from firs
),

counted as (
    select
        district,
        police_station_id,
        any_value(police_station) as police_station,
        month,
        coalesce(crime_group, 'unknown') as crime_group,
        coalesce(crime_head_id, 'unknown') as crime_head_id,
        count(*)::integer as fir_count,
        count(*) filter (where status = 'charge_sheeted')::integer as charge_sheeted_count,
        count(*) filter (where latitude is not null)::integer as located_count
    from firs
    group by district, police_station_id, month, coalesce(crime_group, 'unknown'), coalesce(crime_head_id, 'unknown')
),

final as (
    select * from counted
)

select * from final
