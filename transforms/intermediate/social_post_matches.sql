-- One row per post and lexicon term or place name its text contains.
-- Text and terms are compared in match form (reference/lexicon.ts matchForm): NFC, lower case,
-- nukta letters folded to their base (after NFC only ऩ ऱ ऴ stay precomposed), the nukta sign
-- dropped, chandrabindu as anusvara, every run of anything but letters, marks and digits one space.
with

social_posts as (
    select * from social_posts
),

social_lexicon as (
    select * from social_lexicon
),

place_names as (
    select * from place_names
),

-- An incremental build matches the posts of the months in its scope only (getvariable is null
-- outside a build).
scoped_posts as (
    select * from social_posts
    where getvariable('build_scope') is null
        or list_contains(getvariable('build_scope'), month)
),

normalised as (
    select
        platform,
        post_id,
        month,
        ' ' || trim(regexp_replace(
            replace(
                replace(
                    translate(lower(nfc_normalize(text)), chr(2345) || chr(2353) || chr(2356), chr(2344) || chr(2352) || chr(2355)),
                    chr(2364), ''
                ),
                chr(2305), chr(2306)
            ),
            '[^\p{L}\p{M}\p{N}]+', ' ', 'g'
        )) || ' ' as match_text
    from scoped_posts
    where text is not null
),

-- Terms: whole words in a row; a prefix term's last word may continue.
term_matches as (
    select
        n.platform,
        n.post_id,
        n.month,
        'term' as match_kind,
        l.list,
        l.term,
        'term:' || l.term as match_ref,
        l.match_key as matched_text,
        cast(null as integer) as word_position,
        cast(null as integer) as word_count,
        cast(null as varchar) as place_id,
        cast(null as varchar) as district,
        cast(null as varchar) as district_id,
        cast(null as varchar) as police_station_id,
        cast(null as varchar) as police_station,
        cast(null as boolean) as needs_context,
        cast(null as boolean) as has_station_word,
        cast(null as boolean) as has_police_word,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from normalised as n
    inner join social_lexicon as l
        on l.list not in ('station_word', 'police_word')
        and (
            contains(n.match_text, ' ' || l.match_key || ' ')
            or (l.is_prefix and contains(n.match_text, ' ' || l.match_key))
        )
),

words as (
    select
        platform,
        post_id,
        month,
        string_split(trim(match_text), ' ') as words
    from normalised
    where trim(match_text) <> ''
),

word_positions as (
    select
        platform,
        post_id,
        month,
        words,
        unnest(range(1, len(words) + 1)) as word_position
    from words
),

-- Runs of 1 to 5 consecutive words, joined without spaces (Line Bazar = LineBazar = लाइन बाजार's key).
ngrams as (
    select
        p.platform,
        p.post_id,
        p.month,
        p.word_position,
        r.word_count,
        array_to_string(p.words[p.word_position:p.word_position + r.word_count - 1], ' ') as matched_text,
        array_to_string(p.words[p.word_position:p.word_position + r.word_count - 1], '') as gram,
        case when p.word_position > 1 then p.words[p.word_position - 1] end as word_before,
        case when p.word_position + r.word_count <= len(p.words) then p.words[p.word_position + r.word_count] end
            as word_after
    from word_positions as p
    cross join range(1, 6) as r (word_count)
    where p.word_position + r.word_count - 1 <= len(p.words)
),

context_words as (
    select
        coalesce(list(match_key) filter (where list = 'station_word'), []) as station_words,
        coalesce(list(match_key) filter (where list = 'police_word'), []) as police_words
    from social_lexicon
),

place_matches as (
    select
        g.platform,
        g.post_id,
        g.month,
        'place' as match_kind,
        n.place_kind as list,
        n.name as term,
        n.place_id || '@' || g.word_position || '+' || g.word_count as match_ref,
        g.matched_text,
        g.word_position::integer as word_position,
        g.word_count::integer as word_count,
        n.place_id,
        n.district,
        n.district_id,
        n.police_station_id,
        n.police_station,
        n.needs_context,
        coalesce(list_contains(w.station_words, g.word_before), false)
            or coalesce(list_contains(w.station_words, g.word_after), false) as has_station_word,
        coalesce(list_contains(w.police_words, g.word_before), false)
            or coalesce(list_contains(w.police_words, g.word_after), false) as has_police_word,
        cast(null as varchar) as input_fingerprint -- stamped by the build (transforms/build.ts)
    from ngrams as g
    inner join place_names as n
        on n.match_key = g.gram
    cross join context_words as w
),

final as (
    select * from term_matches
    union all
    select * from place_matches
)

select * from final
