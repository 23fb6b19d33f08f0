-- One row per thana- or outpost-level cyber volunteer group on its district's latest roster, and
-- one per thana of the range without a thana-level group: members against the mandated minimum.
with

volunteer_groups as (
    select * from volunteer_groups
),

police_stations as (
    select * from police_stations
),

-- Mandated minimum membership (DGP's order): 200 per thana group, 100 per outpost group.
minimums as (
    select * from (values ('thana', 200), ('outpost', 100)) as m (level, minimum_members)
),

latest_versions as (
    select * from volunteer_groups
    qualify row_number() over (partition by volunteer_group_id order by as_of_date desc) = 1
),

-- A group missing from its district's latest roster is taken as dissolved.
district_rosters as (
    select
        district,
        max(as_of_date) as roster_date
    from volunteer_groups
    group by district
),

current_groups as (
    select g.*
    from latest_versions as g
    inner join district_rosters as r
        on g.district is not distinct from r.district
        and g.as_of_date = r.roster_date
),

womens_groups as (
    select
        district,
        count(*) as womens_group_count
    from current_groups
    where is_womens_group
        and district is not null
    group by district
),

station_groups as (
    select
        g.volunteer_group_id as coverage_id,
        g.district,
        g.district_id,
        g.police_station_id,
        coalesce(ps.police_station, g.police_station) as police_station,
        g.level,
        g.volunteer_group_id,
        g.group_name,
        g.is_womens_group,
        g.as_of_date,
        g.member_count,
        m.minimum_members
    from current_groups as g
    inner join minimums as m
        on g.level = m.level
    left join police_stations as ps
        on g.police_station_id = ps.police_station_id
),

missing_thana_groups as (
    select
        'missing|' || ps.police_station_id as coverage_id,
        ps.district,
        ps.district_id,
        ps.police_station_id,
        ps.police_station,
        'thana' as level,
        cast(null as varchar) as volunteer_group_id,
        cast(null as varchar) as group_name,
        false as is_womens_group,
        r.roster_date as as_of_date,
        0 as member_count,
        m.minimum_members
    from police_stations as ps
    inner join minimums as m
        on m.level = 'thana'
    left join district_rosters as r
        on ps.district = r.district
    anti join station_groups as g
        on g.police_station_id = ps.police_station_id
        and g.level = 'thana'
),

coverage as (
    select * from station_groups
    union all
    select * from missing_thana_groups
),

final as (
    select
        c.coverage_id,
        c.district,
        c.district_id,
        c.police_station_id,
        c.police_station,
        c.level,
        c.volunteer_group_id,
        c.group_name,
        c.volunteer_group_id is not null as has_group,
        c.is_womens_group,
        c.as_of_date,
        c.member_count,
        c.minimum_members,
        greatest(c.minimum_members - c.member_count, 0) as member_gap,
        c.member_count < c.minimum_members as is_below_minimum,
        coalesce(w.womens_group_count, 0) > 0 as district_has_womens_group
    from coverage as c
    left join womens_groups as w
        on c.district = w.district
)

select * from final
