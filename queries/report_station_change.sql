-- Thana table of a period: one row per police station for all crime groups, sorted by the
-- change against the previous period. Bound parameters: $period_kind ('week' or 'month'),
-- $period ('YYYY-Www' or 'YYYY-MM').
with

station_comparison as (
    select * from station_comparison
),

of_period as (
    select
        district,
        police_station_id,
        police_station,
        fir_count,
        previous_period_fir_count,
        change_vs_previous_period,
        pct_change_vs_previous_period,
        last_year_fir_count,
        pct_change_vs_last_year,
        rate_per_100k,
        district_rank,
        district_z_score,
        tips_received,
        tips_actioned,
        median_hours_to_action,
        charge_sheet_rate,
        open_past_60_days,
        open_past_90_days
    from station_comparison
    where period_kind = $period_kind::varchar
        and period = $period::varchar
        and crime_group = 'all'
),

final as (
    select * from of_period
    order by change_vs_previous_period desc, fir_count desc, police_station_id
)

select * from final
