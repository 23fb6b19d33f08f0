-- Each record of this build's input (er_input) against the previous person_records: new,
-- removed, the same source (source_hash) or changed; with the person it had.
select
    coalesce(a.record_id, p.record_id) as record_id,
    p.person_id,
    case
        when p.record_id is null then 'new'
        when a.record_id is null then 'removed'
        when p.source_hash = a.source_hash then 'same'
        else 'changed'
    end as status
from (select record_id, source_hash from er_input) as a
full outer join (select record_id, person_id, source_hash from person_records) as p using (record_id)
