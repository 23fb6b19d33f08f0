-- The accused records to resolve (er_accused: person_records.sql), numbered in record-id order,
-- each with its person in the previous build (er_previous: the lake's person_records, or
-- nothing), the person it keeps (keep_person_id: the previous one unless the record's source
-- changed since, when it is resolved afresh; known_person_id: that, or the previous person of a
-- changed record when no unchanged record holds it (er_held), which its new cluster may take
-- back if it keeps no other) and the key that orders new person ids (the earliest record of a
-- person anchors its id). The resolver reads them as dictionary codes; the output joins back to them by idx.
with

accused as (
    select * from er_accused
),

held as (
    select distinct person_id from er_held
),

previous as (
    select * from er_previous
),

-- Whether a record keeps its previous person as it stands. A previous table without hashes (an
-- older build) cannot tell: its persons stand. So do records whose FIR changed (its time, year)
-- but not what they say of the person.
matched as (
    select
        a.*,
        p.person_id as previous_person_id,
        p.source_hash is null
        or p.source_hash = a.source_hash
        or (
            p.name is not distinct from a.name
            and p.age is not distinct from a.age
            and p.address is not distinct from a.address
            and (a.sex is null or p.sex = a.sex)
            and (a.alias is null or p.alias = a.alias)
            and (a.father_name is null or p.father_name = a.father_name)
        ) as is_kept
    from accused as a
    left join previous as p using (record_id)
),

numbered as (
    select
        (row_number() over (order by record_id) - 1)::integer as idx,
        * exclude (is_kept),
        case when is_kept then previous_person_id end as keep_person_id,
        case
            when is_kept or previous_person_id not in (select person_id from held) then previous_person_id
        end as known_person_id,
        coalesce(fir_year::varchar, '9999') || '|' || record_id as anchor
    from matched
),

final as (
    select * from numbered
)

select * from final
