-- Fingerprint of each period of station_comparison: a digest of exactly the inputs its rows are
-- computed from (station_comparison.sql), worked out without computing them.
-- - The FIRs registered before the period's end, each as it stood at that end: open (station,
--   crime group, registration) or concluded (and when, and whether charge-sheeted). A running
--   XOR over the periods: an FIR adds its open digest at registration and swaps it for its
--   concluded digest at its conclusion, so a status change moves only the periods from its
--   conclusion on, and a new FIR only those from its registration on.
-- - The data's end, where it falls before the period's end (completeness, pendency).
-- - The tips received and complaints made in the period (with their actions and answers).
-- - What every period reads: the stations (names, population), the crime groups, the first
--   week and month of the data.
--
-- The with clause continues station_comparison.facts.sql (station_comparison.ts joins the two),
-- so the digests are of the very facts the model's rows are counted from.

fir_states as (
    select
        registered_local,
        concluded_local,
        hash(fir_id, police_station_id, crime_group, registered_at) as opened,
        hash(fir_id, police_station_id, crime_group, registered_at, concluded_at, is_charge_sheeted) as concluded
    from fir_facts
),

-- Every dated fact's digest: the FIRs' events read by their period and every later one (running),
-- the tips and complaints by their period only.
dated_digests as (
    select
        registered_local as happened_local,
        opened as digest,
        true as is_running
    from fir_states
    union all
    select
        concluded_local,
        xor(opened, concluded),
        true
    from fir_states
    where concluded_local is not null
    union all
    select
        timezone('Asia/Kolkata', received_at),
        hash(tip_id, police_station_id, received_at, action_taken_at),
        false
    from tip_facts
    union all
    select
        timezone('Asia/Kolkata', created_at),
        hash(post_id, police_station_id, created_at, is_answered_within_2h),
        false
    from complaint_facts
),

digests_by_period as (
    select
        k.period_kind,
        date_trunc(k.period_kind, d.happened_local)::date as period_start,
        bit_xor(d.digest) filter (where d.is_running) as running_digest,
        bit_xor(d.digest) filter (where not d.is_running) as period_digest
    from dated_digests as d
    cross join (values ('week'), ('month')) as k (period_kind)
    group by all
),

shared as (
    select hash(
        (select list((police_station_id, district, police_station, population) order by police_station_id) from stations),
        (select list(crime_group order by crime_group) from crime_groups),
        (select date_trunc('week', first_local)::date from bounds),
        (select date_trunc('month', first_local)::date from bounds)
    ) as digest
),

fingerprinted as (
    select
        p.period,
        p.period_end,
        bit_xor(coalesce(d.running_digest, 0)) over (
            partition by p.period_kind order by p.period_start rows between unbounded preceding and current row
        ) as fir_digest,
        d.period_digest
    from all_periods as p
    left join digests_by_period as d
        on p.period_kind = d.period_kind
        and p.period_start = d.period_start
),

final as (
    select
        f.period as value,
        printf(
            '%016x',
            hash(
                s.digest,
                f.fir_digest,
                f.period_digest,
                -- The data's end matters only when it falls before the period's end.
                case when d.as_of_local < f.period_end then d.as_of_local end
            )
        ) as fingerprint
    from fingerprinted as f
    cross join shared as s
    cross join data_end as d
)

select * from final
