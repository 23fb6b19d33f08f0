-- One row per platform, day and state: the state police's followers, rank and two-month growth.
with

social_account_stats as (
    select * from social_account_stats
),

snapshots as (
    select * from social_account_stats
    where state is not null
        and followers is not null
),

-- A state with several accounts on a platform (district handles) ranks by its largest.
per_state as (
    select
        platform,
        state,
        date,
        first(account order by followers desc, account) as account,
        max(followers) as followers,
        bool_or(is_own_account) as is_own_state
    from snapshots
    group by platform, state, date
),

ranked as (
    select
        *,
        rank() over (partition by platform, date order by followers desc) as rank,
        count(*) over (partition by platform, date) as state_count
    from per_state
),

-- Two months back: the state's latest figure on or before the same day two months earlier.
with_baseline as (
    select
        r.*,
        b.date as baseline_date,
        b.followers as baseline_followers,
        b.rank as baseline_rank
    from ranked as r
    asof left join ranked as b
        on r.platform = b.platform
        and r.state = b.state
        and cast(r.date - interval 2 months as date) >= b.date
),

final as (
    select
        platform,
        date,
        strftime(date, '%Y-%m') as month,
        state,
        account,
        is_own_state,
        followers,
        rank::integer as rank,
        state_count::integer as state_count,
        baseline_date as two_months_before_date,
        baseline_followers as two_months_before_followers,
        followers - baseline_followers as new_followers_two_months,
        (followers - baseline_followers) / nullif(baseline_followers, 0) as growth_two_months,
        baseline_rank::integer as two_months_before_rank,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from with_baseline
)

select * from final
