-- Fingerprint of each month of stolen_vehicle_sightings besides its anpr_reads files: the
-- stolen-vehicle reports a read of that month can match (reported by the month's end and not
-- recovered before it began, in IST) and the cameras, over the columns the model reads.
with

stolen_vehicles as (
    select * from stolen_vehicles
),

cameras as (
    select * from cameras
),

months as (
    select unnest($months::varchar[]) as month
),

reports as (
    select
        strftime(timezone('Asia/Kolkata', reported_at), '%Y-%m') as first_month,
        strftime(timezone('Asia/Kolkata', recovered_at), '%Y-%m') as last_month,
        hash(
            stolen_report_id, registration_number, fir_id, district, police_station_id, reported_at, recovered_at,
            is_active
        ) as digest
    from stolen_vehicles
),

camera_digest as (
    select
        coalesce(
            bit_xor(hash(camera_id, place, latitude, longitude, h3_cell, district, nearest_police_station_id)), 0
        ) as digest
    from cameras
),

report_digests as (
    select
        m.month,
        coalesce(bit_xor(r.digest), 0) as digest
    from months as m
    left join reports as r
        on r.first_month <= m.month
        and (r.last_month is null or r.last_month >= m.month)
    group by m.month
),

final as (
    select
        d.month as value,
        printf('%016x-%016x', d.digest, c.digest) as fingerprint
    from report_digests as d
    cross join camera_digest as c
)

select * from final
