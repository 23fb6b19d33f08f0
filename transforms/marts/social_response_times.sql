-- One row per citizen complaint to a police account, with the delay to the police's first reply.
with

social_posts as (
    select * from social_posts
),

social_post_matches as (
    select * from social_post_matches
),

post_places as (
    select * from post_places
),

police_items as (
    select * from social_posts
    where is_police_account
),

complaint_terms as (
    select
        platform,
        post_id,
        string_agg(term, '; ' order by term) as complaint_terms
    from social_post_matches
    where match_kind = 'term'
        and list = 'complaint'
    group by platform, post_id
),

-- Citizens' comments, mentions and DMs to a police account, and their replies to a police item.
addressed as (
    select p.*
    from social_posts as p
    where not p.is_police_account
        and p.account is not null
        and p.kind in ('comment', 'mention', 'dm')
    union all
    select p.*
    from social_posts as p
    semi join police_items as r
        on p.platform = r.platform
        and p.parent_id = r.post_id
    where not p.is_police_account
        and p.kind = 'reply'
),

-- A DM is always a complaint; a comment, mention or reply when a complaint term matches.
complaints as (
    select
        a.*,
        t.complaint_terms
    from addressed as a
    left join complaint_terms as t
        on a.platform = t.platform
        and a.post_id = t.post_id
    where a.kind = 'dm'
        or t.complaint_terms is not null
),

-- A police item answers a complaint when it replies to it, follows it in the same DM
-- conversation, or lies in the conversation the complaint started (X).
candidate_replies as (
    select c.platform, c.post_id, r.post_id as reply_id, r.created_at as reply_at
    from complaints as c
    inner join police_items as r
        on c.platform = r.platform
        and r.parent_id = c.post_id
    union all
    select c.platform, c.post_id, r.post_id as reply_id, r.created_at as reply_at
    from complaints as c
    inner join police_items as r
        on c.platform = r.platform
        and r.thread_id = c.thread_id
        and r.kind = 'dm'
    where c.kind = 'dm'
    union all
    select c.platform, c.post_id, r.post_id as reply_id, r.created_at as reply_at
    from complaints as c
    inner join police_items as r
        on c.platform = r.platform
        and r.thread_id = c.post_id
    where c.thread_id = c.post_id
),

first_replies as (
    select
        cr.platform,
        cr.post_id,
        min(cr.reply_at) as first_reply_at,
        first(cr.reply_id order by cr.reply_at, cr.reply_id) as first_reply_id
    from candidate_replies as cr
    inner join complaints as c
        on cr.platform = c.platform
        and cr.post_id = c.post_id
    where cr.reply_at >= c.created_at
        and cr.reply_id <> c.post_id
    group by cr.platform, cr.post_id
),

final as (
    select
        c.platform,
        c.post_id,
        c.kind,
        c.account,
        c.author_id,
        c.author_handle,
        c.language,
        c.created_at,
        strftime(timezone('Asia/Kolkata', c.created_at), '%G-W%V') as week,
        strftime(timezone('Asia/Kolkata', c.created_at), '%Y-%m') as month,
        c.complaint_terms,
        r.first_reply_id,
        r.first_reply_at,
        epoch(r.first_reply_at - c.created_at) / 60.0 as response_minutes,
        r.first_reply_at is not null as is_answered,
        coalesce(r.first_reply_at - c.created_at <= interval 2 hours, false) as is_answered_within_2h,
        pp.district,
        pp.police_station_id,
        c.text,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from complaints as c
    left join first_replies as r
        on c.platform = r.platform
        and c.post_id = r.post_id
    left join post_places as pp
        on c.platform = pp.platform
        and c.post_id = pp.post_id
)

select * from final
