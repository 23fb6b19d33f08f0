-- One row per police station, month (IST) and crime head: FIRs registered.
with

firs as (
    select * from firs
),

-- An incremental build computes the months of its scope only (getvariable is null outside a build).
scoped_firs as (
    select * from firs
    where getvariable('build_scope') is null
        or list_contains(getvariable('build_scope'), month)
),

counted as (
    select
        district,
        police_station_id,
        min(police_station) as police_station,
        month,
        coalesce(crime_group, 'unknown') as crime_group,
        coalesce(crime_head_id, 'unknown') as crime_head_id,
        count(*)::integer as fir_count,
        count(*) filter (where status = 'charge_sheeted')::integer as charge_sheeted_count,
        count(*) filter (where latitude is not null)::integer as located_count,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from scoped_firs
    group by district, police_station_id, month, coalesce(crime_group, 'unknown'), coalesce(crime_head_id, 'unknown')
),

final as (
    select * from counted
)

select * from final
