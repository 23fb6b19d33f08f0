-- The accused records to resolve (the input of person_records' TS step): one row per FIR and
-- accused number, with the FIR's year (ages become birth years) and registration instant.
with

fir_accused as (
    select * from fir_accused
),

firs as (
    select fir_id, fir_year, registered_at from firs
),

joined as (
    select
        a.fir_id || '#' || a.accused_number as record_id,
        a.fir_id,
        a.accused_number,
        a.district,
        a.month,
        coalesce(f.fir_year, try_cast(split_part(a.fir_id, '/', 2) as integer)) as fir_year,
        f.registered_at,
        a.name,
        a.alias,
        a.father_name,
        a.sex,
        a.age,
        a.address,
        -- What the next build compares to see whether the record changed (a DuckDB version that
        -- hashes differently makes every record "changed": that build resolves in full).
        (hash(
            a.fir_id, a.accused_number, a.district, a.month, f.fir_year, f.registered_at,
            a.name, a.alias, a.father_name, a.sex, a.age, a.address
        ) >> 1)::bigint as source_hash
    from fir_accused as a
    left join firs as f using (fir_id)
),

final as (
    select * from joined
)

select * from final
