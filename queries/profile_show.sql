-- One offender profile. Bound parameter: $person_id.
with

offender_profiles as (
    select * from offender_profiles
),

final as (
    select * from offender_profiles where person_id = $person_id
)

select * from final
