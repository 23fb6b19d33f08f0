-- One row per located FIR or tip: its H3 cell at the configured resolution, ISO week (IST) and
-- crime group. `incident_cells` (made by the TS step, incidents-step.ts) holds the cells the
-- lake has no cell for: points without one, or every point when the resolution is not 8.
with

firs as (
    select * from firs
),

tips as (
    select * from tips
),

incident_cells as (
    select * from incident_cells
),

located_firs as (
    select
        'fir' as source,
        fir_id as incident_id,
        registered_at as reported_at,
        district,
        police_station_id,
        coalesce(crime_group, 'unknown') as crime_group,
        crime_head_id,
        latitude,
        longitude,
        h3_cell
    from firs
    where latitude is not null and longitude is not null
),

located_tips as (
    select
        'tip' as source,
        tip_id as incident_id,
        received_at as reported_at,
        district,
        police_station_id,
        'tip_' || category as crime_group,
        null::varchar as crime_head_id,
        latitude,
        longitude,
        h3_cell
    from tips
    where latitude is not null and longitude is not null
),

located as (
    select * from located_firs
    union all
    select * from located_tips
),

celled as (
    select
        l.source,
        l.incident_id,
        strftime(timezone('Asia/Kolkata', l.reported_at), '%G-W%V') as week,
        date_trunc('week', timezone('Asia/Kolkata', l.reported_at))::date as week_start,
        l.reported_at,
        l.district,
        l.police_station_id,
        l.crime_group,
        l.crime_head_id,
        l.latitude,
        l.longitude,
        coalesce(c.h3_cell, l.h3_cell) as h3_cell,
        $resolution::integer as h3_resolution
    from located as l
    left join incident_cells as c
        on l.latitude = c.latitude and l.longitude = c.longitude
),

final as (
    select * from celled
    where h3_cell is not null
)

select * from final
