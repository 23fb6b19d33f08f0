-- Incidents per H3 cell, ISO week (IST) and crime group over a range of weeks: the input of the
-- Gi* steps of hotspot_cells and emerging_hotspots (hotspot-steps.ts). FIRs count in 'all' and,
-- for the analysed groups, in their own group; tips count in tip_<category>.
with

incidents as (
    select * from incidents
),

in_range as (
    select * from incidents
    where week_start between $from_week::date and $to_week::date
),

fir_all as (
    select week_start, 'all' as crime_group, h3_cell
    from in_range
    where source = 'fir'
),

fir_groups as (
    select week_start, crime_group, h3_cell
    from in_range
    where source = 'fir' and list_contains(string_split($fir_groups, ','), crime_group)
),

tip_categories as (
    select week_start, crime_group, h3_cell
    from in_range
    where source = 'tip'
),

counted as (
    select
        week_start,
        crime_group,
        h3_cell,
        count(*)::integer as incident_count
    from (
        select * from fir_all
        union all
        select * from fir_groups
        union all
        select * from tip_categories
    )
    group by week_start, crime_group, h3_cell
),

final as (
    select
        (week_start - date '1970-01-01')::integer as week_day,
        crime_group,
        h3_cell,
        incident_count
    from counted
)

select * from final
