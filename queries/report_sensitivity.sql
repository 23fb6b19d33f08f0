-- Sensitivity of a week: one row per police station, hyper-sensitive first, with the reasons.
-- Bound parameters: $week ('YYYY-Www').
with

sensitivity_assessment as (
    select * from sensitivity_assessment
),

of_week as (
    select
        district,
        police_station_id,
        police_station,
        level,
        score,
        reason,
        hotspot_cell_count,
        emerging_hotspot_cell_count,
        communal_tip_count,
        arms_tip_count,
        riot_fir_count,
        flagged_post_count,
        upcoming_event_count
    from sensitivity_assessment
    where week = $week::varchar
),

final as (
    select * from of_week
    order by
        case level when 'hyper-sensitive' then 0 when 'sensitive' then 1 else 2 end,
        score desc,
        district,
        police_station
)

select * from final
