-- One row per ANPR read of a vehicle that was reported stolen and not yet recovered at the time of the read.
with

anpr_reads as (
    select * from anpr_reads
),

stolen_vehicles as (
    select * from stolen_vehicles
),

cameras as (
    select * from cameras
),

-- OCR-equivalent key: the plate with every letter a camera confuses with a digit read as that digit.
reads as (
    select
        *,
        translate(upper(regexp_replace(coalesce(registration_number, plate_text), '[^A-Za-z0-9]', '', 'g')), 'OIBSZGDQ', '01852600')
            as ocr_key
    from anpr_reads
),

stolen as (
    select
        *,
        translate(upper(regexp_replace(registration_number, '[^A-Za-z0-9]', '', 'g')), 'OIBSZGDQ', '01852600') as ocr_key
    from stolen_vehicles
),

exact_matches as (
    select
        r.camera_id,
        r.read_at,
        r.plate_text,
        s.stolen_report_id,
        'exact' as match_kind
    from reads as r
    inner join stolen as s
        on r.registration_number = s.registration_number
),

-- Reads whose normalised number is no stolen number, but whose OCR-equivalent key is one's.
ocr_matches as (
    select
        r.camera_id,
        r.read_at,
        r.plate_text,
        s.stolen_report_id,
        'ocr_equivalent' as match_kind
    from reads as r
    inner join stolen as s
        on r.ocr_key = s.ocr_key
    anti join stolen as x
        on r.registration_number = x.registration_number
),

matches as (
    select * from exact_matches
    union all
    select * from ocr_matches
),

-- Stolen at the time of the read: reported before it, and not recovered by then (a report marked
-- recovered without a recovery time cannot be placed in time and is left out).
final as (
    select
        r.camera_id,
        r.read_at,
        strftime(timezone('Asia/Kolkata', r.read_at), '%Y-%m') as month,
        r.plate_text,
        r.registration_number as read_registration_number,
        s.registration_number,
        m.match_kind,
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
        s.is_active as is_still_missing
    from matches as m
    inner join reads as r
        on m.camera_id = r.camera_id
        and m.read_at = r.read_at
        and m.plate_text = r.plate_text
    inner join stolen as s
        on m.stolen_report_id = s.stolen_report_id
    left join cameras as c
        on r.camera_id = c.camera_id
    where r.read_at >= s.reported_at
        and (s.recovered_at is null or r.read_at < s.recovered_at)
        and (s.is_active or s.recovered_at is not null)
)

select * from final
