-- One row per ANPR read of a vehicle that was reported stolen and not yet recovered at the time of the read.
with

anpr_reads as (
    select * from anpr_reads
),

-- An incremental build reads the months of its scope only (getvariable is null outside a build).
scoped_reads as (
    select * from anpr_reads
    where getvariable('build_scope') is null
        or list_contains(getvariable('build_scope'), month)
),

stolen_vehicles as (
    select * from stolen_vehicles
),

cameras as (
    select * from cameras
),

-- A sighting: the read's canonical number (OCR confusions repaired at ingest: UP65AB12O4 →
-- UP65AB1204) is a stolen vehicle's, and the read falls after the report and before any recovery
-- (a report marked recovered without a recovery time cannot be placed in time and is left out).
final as (
    select
        r.camera_id,
        r.read_at,
        r.month,
        r.plate_text,
        s.registration_number,
        r.plate_repaired,
        r.confidence,
        coalesce(r.place, c.place) as place,
        coalesce(r.latitude, c.latitude) as latitude,
        coalesce(r.longitude, c.longitude) as longitude,
        coalesce(r.h3_cell, c.h3_cell) as h3_cell,
        c.district as camera_district,
        c.nearest_police_station_id,
        s.stolen_report_id,
        s.fir_id,
        s.district,
        s.police_station_id,
        s.reported_at,
        epoch(r.read_at - s.reported_at) / 3600.0 as hours_since_report,
        s.is_active as is_still_missing,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from scoped_reads as r
    inner join stolen_vehicles as s
        on r.registration_number = s.registration_number
    left join cameras as c
        on r.camera_id = c.camera_id
    where r.read_at >= s.reported_at
        and (s.recovered_at is null or r.read_at < s.recovered_at)
        and (s.is_active or s.recovered_at is not null)
)

select * from final
