-- The person a merged-away person id now lives on as. Bound parameter: $person_id.
with

person_id_history as (
    select * from person_id_history
),

final as (
    select other_person_id
    from person_id_history
    where person_id = $person_id and event = 'merged'
    order by recorded_at desc
    limit 1
)

select * from final
