-- Emerging hotspot patterns of the latest window: one row per cell with a pattern other than
-- no_pattern. Bound parameters: $crime_group.
with

emerging_hotspots as (
    select * from emerging_hotspots
),

patterned as (
    select
        h3_cell,
        pattern,
        window_start_week,
        window_end_week,
        incident_count,
        hot_weeks,
        count_trend_z,
        count_trend_p
    from emerging_hotspots
    where crime_group = $crime_group::varchar
        and pattern <> 'no_pattern'
),

final as (
    select * from patterned
    order by pattern, incident_count desc, h3_cell
)

select * from final
