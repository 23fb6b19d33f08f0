-- Fingerprint of each week of `incidents` (the model's own rows, computed from firs and tips):
-- a week is rewritten only when its fingerprint changes.
with

computed as (
    select * from computed_incidents
),

final as (
    select
        week as value,
        printf(
            '%016x',
            bit_xor(
                hash(
                    source, incident_id, reported_at, district, police_station_id, crime_group, crime_head_id,
                    latitude, longitude, h3_cell, h3_resolution
                )
            )
        ) as fingerprint
    from computed
    group by week
)

select * from final
