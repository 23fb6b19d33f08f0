-- Hotspot map of a week: one row per H3 cell of the week's study area for all crime groups,
-- with its Gi* bin (-3..3). Bound parameters: $week ('YYYY-Www'), $crime_group.
with

hotspot_cells as (
    select * from hotspot_cells
),

of_week as (
    select
        h3_cell,
        bin,
        incident_count,
        neighbourhood_count,
        gi_z,
        p_value,
        q_value,
        is_significant
    from hotspot_cells
    where week = $week::varchar
        and crime_group = $crime_group::varchar
),

final as (
    select * from of_week
    order by bin desc, gi_z desc, h3_cell
)

select * from final
