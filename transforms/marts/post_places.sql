-- One row per social post whose text names a district, thana or locality: where it is attributed.
with

social_posts as (
    select * from social_posts
),

social_post_matches as (
    select * from social_post_matches
),

places as (
    select * from social_post_matches
    where match_kind = 'place'
),

district_hits as (
    select * from places
    where list = 'district'
),

named_districts as (
    select
        platform,
        post_id,
        list(distinct district_id order by district_id) as district_ids
    from district_hits
    group by platform, post_id
),

-- Words that name a district name the district, not the thana of that name (Chandauli), unless
-- a station word stands beside them (थाना चंदौली).
district_spans as (
    select distinct platform, post_id, word_position, word_count
    from district_hits
),

station_hits as (
    select p.*
    from places as p
    left join district_spans as d
        on p.platform = d.platform
        and p.post_id = d.post_id
        and p.word_position = d.word_position
        and p.word_count = d.word_count
    where p.list in ('police_station', 'locality')
        and (d.post_id is null or p.has_station_word)
),

-- Everyday words (Chowk, Lanka, Kotwali) count beside a station or police word, or with their district named.
accepted_hits as (
    select
        s.*,
        n.district_ids
    from station_hits as s
    left join named_districts as n
        on s.platform = n.platform
        and s.post_id = n.post_id
    where not s.needs_context
        or s.has_station_word
        or s.has_police_word
        or list_contains(coalesce(n.district_ids, []), s.district_id)
),

-- A name several thanas share (Kotwali) is narrowed to the districts the post names.
span_sizes as (
    select
        *,
        count(distinct police_station_id) over (partition by platform, post_id, word_position, word_count)
            as span_stations
    from accepted_hits
),

candidates as (
    select * from span_sizes
    where span_stations = 1
        or district_ids is null
        or list_contains(district_ids, district_id)
),

used_terms as (
    select platform, post_id, matched_text, word_position from district_hits
    union all
    select platform, post_id, matched_text, word_position from candidates
),

terms as (
    select
        platform,
        post_id,
        string_agg(matched_text, '; ' order by first_position, matched_text) as matched_terms
    from (
        select platform, post_id, matched_text, min(word_position) as first_position
        from used_terms
        group by platform, post_id, matched_text
    )
    group by platform, post_id
),

station_sets as (
    select
        platform,
        post_id,
        count(distinct police_station_id) as station_count,
        min(police_station_id) as only_station_id,
        string_agg(distinct police_station_id, ', ' order by police_station_id) as station_ids,
        count(distinct district_id) as station_district_count,
        min(district_id) as station_district_id
    from candidates
    group by platform, post_id
),

posts_named as (
    select platform, post_id from district_hits
    union
    select platform, post_id from candidates
),

resolved as (
    select
        p.platform,
        p.post_id,
        t.matched_terms,
        s.station_ids,
        case when s.station_count = 1 then s.only_station_id end as police_station_id,
        case
            when s.station_count = 1 then s.station_district_id
            when len(n.district_ids) = 1 then n.district_ids[1]
            when n.district_ids is null and s.station_district_count = 1 then s.station_district_id
        end as district_id,
        coalesce(s.station_count, 0) > 1
            or (coalesce(s.station_count, 0) = 0 and len(n.district_ids) > 1) as is_ambiguous
    from posts_named as p
    inner join terms as t
        on p.platform = t.platform
        and p.post_id = t.post_id
    left join station_sets as s
        on p.platform = s.platform
        and p.post_id = s.post_id
    left join named_districts as n
        on p.platform = n.platform
        and p.post_id = n.post_id
),

place_labels as (
    select distinct district_id, district from places
),

station_labels as (
    select distinct police_station_id, police_station from places
    where police_station_id is not null
),

final as (
    select
        r.platform,
        r.post_id,
        sp.created_at,
        sp.month,
        sp.kind,
        sp.is_police_account,
        d.district,
        r.district_id,
        r.police_station_id,
        s.police_station,
        r.matched_terms,
        case when r.is_ambiguous then r.station_ids end as candidate_police_station_ids,
        r.is_ambiguous,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from resolved as r
    inner join social_posts as sp
        on r.platform = sp.platform
        and r.post_id = sp.post_id
    left join place_labels as d
        on r.district_id = d.district_id
    left join station_labels as s
        on r.police_station_id = s.police_station_id
)

select * from final
