-- The person_records rows: each record (er_records) with the resolver's result (er_result: its
-- person, normal-form references and strongest link), its person id (a previous one, by code in
-- er_dict_previous, or a new one's number in er_new_ids) and the normal forms written per distinct text
-- (er_out_name, er_out_father, er_out_address, er_out_text).
with

records as (
    select * from er_records
),

results as (
    select * from er_result
),

linked_records as (
    select idx, record_id from er_records
),

previous_ids as (
    select code, value as person_id from er_dict_previous
),

-- New ids: 'P' and the 50-bit number in Crockford base32 (ids.ts, personIdText).
new_ids as (
    select
        root,
        'P'
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 45) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 40) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 35) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 30) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 25) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 20) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 15) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 10) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((person_number::bigint >> 5) & 31)::integer + 1, 1)
        || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (person_number::bigint & 31)::integer + 1, 1)
        as person_id
    from er_new_ids
),

names as (
    select * from er_out_name
),

fathers as (
    select * from er_out_father
),

addresses as (
    select * from er_out_address
),

texts as (
    select * from er_out_text
),

joined as (
    select
        r.record_id,
        coalesce(p.person_id, n.person_id) as person_id,
        r.fir_id,
        r.accused_number,
        r.district,
        r.month,
        r.registered_at,
        r.name,
        nm.name_latin,
        nm.name_key,
        coalesce(r.alias, nm.alias_text) as alias,
        coalesce(r.father_name, nm.father_text) as father_name,
        f.father_latin as father_name_latin,
        fk.text as father_key,
        ak.text as alias_key,
        case x.sex when 1 then 'M' when 2 then 'F' when 3 then 'T' end as sex,
        r.age,
        x.birth_year,
        r.address,
        a.place,
        a.police_station_id as home_police_station_id,
        a.district_id as home_district,
        l.record_id as linked_record_id,
        x.link_weight,
        x.link_probability,
        x.link_fields,
        x.link_reasons,
        r.previous_person_id,
        r.source_hash
    from records as r
    inner join results as x on x.idx = r.idx
    left join previous_ids as p on p.code = x.person_previous
    left join new_ids as n on n.root = x.root
    left join names as nm on nm.code = x.name
    left join fathers as f on f.ref = x.father
    left join texts as fk on fk.id = x.father_key
    left join texts as ak on ak.id = x.alias_key
    left join addresses as a on a.code = x.address
    left join linked_records as l on l.idx = x.linked_idx
),

final as (
    select * from joined
)

select * from final
