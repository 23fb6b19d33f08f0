-- One row per district: its volunteer groups against the mandate, and whether it has a women's group.
with

volunteer_coverage as (
    select * from volunteer_coverage
),

volunteer_groups as (
    select * from volunteer_groups
),

police_stations as (
    select * from police_stations
),

district_rosters as (
    select
        district,
        max(as_of_date) as roster_date
    from volunteer_groups
    where district is not null
    group by district
),

current_groups as (
    select g.*
    from volunteer_groups as g
    inner join district_rosters as r
        on g.district = r.district
        and g.as_of_date = r.roster_date
),

all_groups as (
    select
        district,
        count(*) as group_count,
        sum(member_count) as member_count,
        count(*) filter (where is_womens_group) as womens_group_count,
        coalesce(sum(member_count) filter (where is_womens_group), 0) as womens_group_members
    from current_groups
    group by district
),

thanas as (
    select
        district,
        any_value(district_id) as district_id,
        count(*) as thana_count
    from police_stations
    group by district
),

coverage as (
    select
        district,
        count(distinct police_station_id) filter (where level = 'thana' and has_group) as thanas_with_group,
        count(*) filter (where level = 'thana' and not has_group) as thanas_without_group,
        count(*) filter (where level = 'thana' and has_group) as thana_group_count,
        count(*) filter (where level = 'thana' and has_group and is_below_minimum) as thana_groups_below_minimum,
        count(*) filter (where level = 'outpost') as outpost_group_count,
        count(*) filter (where level = 'outpost' and is_below_minimum) as outpost_groups_below_minimum,
        sum(member_gap) as member_gap
    from volunteer_coverage
    group by district
),

districts as (
    select district from thanas
    union
    select district from all_groups
),

final as (
    select
        d.district,
        t.district_id,
        r.roster_date as as_of_date,
        coalesce(t.thana_count, 0)::integer as thana_count,
        coalesce(c.thanas_with_group, 0)::integer as thanas_with_group,
        coalesce(c.thanas_without_group, 0)::integer as thanas_without_group,
        coalesce(c.thana_group_count, 0)::integer as thana_group_count,
        coalesce(c.thana_groups_below_minimum, 0)::integer as thana_groups_below_minimum,
        coalesce(c.outpost_group_count, 0)::integer as outpost_group_count,
        coalesce(c.outpost_groups_below_minimum, 0)::integer as outpost_groups_below_minimum,
        coalesce(c.member_gap, 0)::integer as member_gap,
        coalesce(g.group_count, 0)::integer as group_count,
        coalesce(g.member_count, 0)::integer as member_count,
        coalesce(g.womens_group_count, 0) > 0 as has_womens_group,
        coalesce(g.womens_group_count, 0)::integer as womens_group_count,
        coalesce(g.womens_group_members, 0)::integer as womens_group_members
    from districts as d
    left join thanas as t
        on d.district = t.district
    left join district_rosters as r
        on d.district = r.district
    left join coverage as c
        on d.district = c.district
    left join all_groups as g
        on d.district = g.district
)

select * from final
