-- One row per social post matching a communal, hate or rumour term, or written by a watch-listed account.
with

social_posts as (
    select * from social_posts
),

social_post_matches as (
    select * from social_post_matches
),

social_watch_list as (
    select * from social_watch_list
),

post_places as (
    select * from post_places
),

term_hits as (
    select
        platform,
        post_id,
        string_agg(distinct list, ', ' order by list) as categories,
        string_agg(list || ':' || term, '; ' order by list, term) as matched_terms,
        bool_or(list = 'communal') as is_communal,
        bool_or(list = 'hate') as is_hate,
        bool_or(list = 'rumour') as is_rumour
    from social_post_matches
    where match_kind = 'term'
        and list in ('communal', 'hate', 'rumour')
    group by platform, post_id
),

watched as (
    select
        p.platform,
        p.post_id,
        string_agg(distinct w.reason, '; ' order by w.reason) as watch_list_reason
    from social_posts as p
    inner join social_watch_list as w
        on p.platform = w.platform
        and (
            p.author_id = w.author_id
            or lower(p.author_handle) = lower(w.handle)
        )
    group by p.platform, p.post_id
),

-- Our own accounts' posts are never flagged: a rebuttal of a rumour quotes the rumour.
flagged as (
    select
        p.*,
        t.categories,
        t.matched_terms,
        t.is_communal,
        t.is_hate,
        t.is_rumour,
        w.watch_list_reason
    from social_posts as p
    left join term_hits as t
        on p.platform = t.platform
        and p.post_id = t.post_id
    left join watched as w
        on p.platform = w.platform
        and p.post_id = w.post_id
    where not p.is_police_account
        and (t.post_id is not null or w.post_id is not null)
),

final as (
    select
        f.platform,
        f.post_id,
        f.month,
        f.kind,
        f.created_at,
        strftime(timezone('Asia/Kolkata', f.created_at), '%G-W%V') as week,
        f.account,
        f.author_id,
        f.author_handle,
        f.author_name,
        f.language,
        f.text,
        f.categories,
        f.matched_terms,
        coalesce(f.is_communal, false) as is_communal,
        coalesce(f.is_hate, false) as is_hate,
        coalesce(f.is_rumour, false) as is_rumour,
        f.watch_list_reason is not null as is_watch_listed_author,
        f.watch_list_reason,
        pp.district,
        pp.police_station_id,
        pp.police_station,
        pp.matched_terms as place_terms,
        f.share_count,
        f.impression_count,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from flagged as f
    left join post_places as pp
        on f.platform = pp.platform
        and f.post_id = pp.post_id
)

select * from final
