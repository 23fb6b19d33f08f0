-- One row per H3 cell, ISO week (IST) and crime group: the Gi* of the week's study area, put
-- together from what the TS step computed (hotspot-steps.ts): a row per cell with an incident in
-- its neighbourhood (or a significant cold spot), the week's slice, and the names of the cells.
with

gi as (
    select * from hotspot_gi
),

slices as (
    select * from hotspot_slices
),

grid as (
    select * from hotspot_grid
),

final as (
    select
        s.week,
        s.week_start,
        s.crime_group,
        c.h3_cell,
        $resolution::integer as h3_resolution,
        g.incident_count,
        g.neighbourhood_count,
        g.neighbourhood_cells,
        g.gi_z,
        g.p_value,
        g.q_value,
        abs(g.bin) >= 2 as is_significant,
        g.bin,
        s.study_area_cells,
        s.study_area_incidents,
        s.input_fingerprint
    from gi as g
    join slices as s using (slice_id)
    join grid as c using (cell_id)
)

select * from final
