-- One row per ISO week (IST) and platform, plus platform 'all': complaint response figures.
with

social_response_times as (
    select * from social_response_times
),

weekly as (
    select
        coalesce(platform, 'all') as platform,
        week,
        count(*)::integer as complaint_count,
        count(*) filter (where is_answered)::integer as answered_count,
        count(*) filter (where is_answered_within_2h)::integer as answered_within_2h_count,
        count(*) filter (where not is_answered)::integer as unanswered_count,
        count(*) filter (where is_answered_within_2h) / count(*) as share_answered_within_2h,
        quantile_cont(response_minutes, 0.5) as median_response_minutes,
        quantile_cont(response_minutes, 0.9) as p90_response_minutes,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from social_response_times
    group by grouping sets ((platform, week), (week))
),

final as (
    select * from weekly
)

select * from final
