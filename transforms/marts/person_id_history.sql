-- Person-id events of the last build of person_records (each record's previous_person_id against
-- its person_id), appended to the history so far (previous_person_id_history).
with

person_records as (
    select person_id, previous_person_id from person_records
),

previous_person_id_history as (
    select * from previous_person_id_history
),

current_ids as (
    select distinct person_id from person_records
),

previous_ids as (
    select distinct previous_person_id as person_id from person_records where previous_person_id is not null
),

moves as (
    select
        previous_person_id as person_id,
        person_id as other_person_id,
        count(*)::integer as record_count
    from person_records
    where previous_person_id is not null and previous_person_id <> person_id
    group by previous_person_id, person_id
),

events as (
    select
        m.person_id,
        case
            when m.person_id not in (select person_id from current_ids) then 'merged'
            when m.other_person_id not in (select person_id from previous_ids) then 'split'
            else 'moved'
        end as event,
        m.other_person_id,
        m.record_count,
        current_timestamp as recorded_at
    from moves as m
),

combined as (
    select person_id, event, other_person_id, record_count, recorded_at from previous_person_id_history
    union all
    select person_id, event, other_person_id, record_count, recorded_at from events
),

final as (
    select *
    from combined
    qualify row_number() over (partition by person_id, event, other_person_id order by recorded_at) = 1
)

select * from final
