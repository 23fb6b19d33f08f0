-- Fingerprint of each week of hotspot_cells: a digest of the incidents of the window ending with
-- it (the week's study area and counts come from nothing else) and of the grid settings.
with

incidents as (
    select * from incidents
),

weekly as (
    select
        week_start,
        bit_xor(hash(source, incident_id, h3_cell, crime_group)) as digest
    from incidents
    group by week_start
),

first_week as (
    select min(week_start) as week_start
    from incidents
),

-- The window of a week: the N weeks ending with it, or the first N weeks of data.
output_weeks as (
    select distinct
        i.week,
        greatest(i.week_start - 7 * ($weeks::integer - 1), f.week_start) as window_start
    from incidents as i
    cross join first_week as f
),

final as (
    select
        o.week as value,
        printf('%016x', bit_xor(hash(w.week_start, w.digest, $settings))) as fingerprint
    from output_weeks as o
    join weekly as w
        on w.week_start between o.window_start and o.window_start + 7 * ($weeks::integer - 1)
    group by o.week
)

select * from final
