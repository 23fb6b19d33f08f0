-- FIR counts per district and period (ISO week or month in Asia/Kolkata) over the periods
-- ending with the report's: one row per district and period, zeros included. Bound parameters:
-- $period_kind ('week' or 'month'), $from_start and $to_end (UTC instants as ISO 8601 text).
with

firs as (
    select * from firs
),

dated as (
    select
        district,
        case
            when $period_kind::varchar = 'week' then strftime(timezone('Asia/Kolkata', registered_at), '%G-W%V')
            else strftime(timezone('Asia/Kolkata', registered_at), '%Y-%m')
        end as period
    from firs
    where registered_at >= $from_start::timestamptz
        and registered_at < $to_end::timestamptz
),

counted as (
    select district, period, count(*)::integer as fir_count
    from dated
    group by district, period
),

grid as (
    select districts.district, periods.period
    from (select distinct district from dated) as districts
    cross join (select distinct period from dated) as periods
),

final as (
    select grid.district, grid.period, coalesce(counted.fir_count, 0)::integer as fir_count
    from grid
    left join counted
        on counted.district = grid.district
        and counted.period = grid.period
    order by grid.district, grid.period
)

select * from final
