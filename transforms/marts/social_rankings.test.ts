import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socialAccountStats } from '../../ingestors/social/social_account_stats.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { inputTable, runModel } from '../../test/util/model-tables.ts';

const stat = (platform: string, account: string, state: string | null, date: string, followers: number | null) => ({
  platform,
  account,
  state,
  date,
  followers,
  is_own_account: state === 'Bihar',
});

describe('social_rankings', () => {
  let db: DuckDb;
  beforeAll(async () => {
    db = await openDuckDb();
    await inputTable(db, socialAccountStats, [
      stat('x', 'bihar_police', 'Bihar', '2024-01-31', 80),
      stat('x', 'bihar_police', 'Bihar', '2024-03-31', 100),
      stat('x', 'kerala_police', 'Kerala', '2024-01-15', 150),
      stat('x', 'kerala_police', 'Kerala', '2024-03-31', 200),
      // Karnataka: two accounts; the larger one ranks. No figure two months back.
      stat('x', 'karnataka_police', 'Karnataka', '2024-03-31', 200),
      stat('x', 'bengaluru_police', 'Karnataka', '2024-03-31', 190),
      // No state, or no follower count: not ranked.
      stat('x', 'somebody', null, '2024-03-31', 999),
      stat('x', 'up_police', 'Uttar Pradesh', '2024-03-31', null),
      stat('facebook', 'Bihar Police', 'Bihar', '2024-03-31', 10),
      stat('facebook', 'Kerala Police', 'Kerala', '2024-03-31', 5),
    ]);
    await runModel(db, 'social_rankings');
  });
  afterAll(() => db.close());

  it('ranks each state by its followers per platform and day, with ties sharing a rank', async () => {
    const rows = await db.all(
      `select platform, strftime(date, '%Y-%m-%d') as date, state, account, followers, rank, state_count, is_own_state
       from social_rankings where date = '2024-03-31' order by platform, rank, state`,
    );
    expect(rows).toEqual([
      {
        platform: 'facebook',
        date: '2024-03-31',
        state: 'Bihar',
        account: 'Bihar Police',
        followers: 10,
        rank: 1,
        state_count: 2,
        is_own_state: true,
      },
      {
        platform: 'facebook',
        date: '2024-03-31',
        state: 'Kerala',
        account: 'Kerala Police',
        followers: 5,
        rank: 2,
        state_count: 2,
        is_own_state: false,
      },
      {
        platform: 'x',
        date: '2024-03-31',
        state: 'Karnataka',
        account: 'karnataka_police',
        followers: 200,
        rank: 1,
        state_count: 3,
        is_own_state: false,
      },
      {
        platform: 'x',
        date: '2024-03-31',
        state: 'Kerala',
        account: 'kerala_police',
        followers: 200,
        rank: 1,
        state_count: 3,
        is_own_state: false,
      },
      {
        platform: 'x',
        date: '2024-03-31',
        state: 'Bihar',
        account: 'bihar_police',
        followers: 100,
        rank: 3,
        state_count: 3,
        is_own_state: true,
      },
    ]);
  });

  it('measures growth against the latest figure on or before the same day two months earlier', async () => {
    const rows = await db.all(
      `select state, strftime(two_months_before_date, '%Y-%m-%d') as base, two_months_before_followers as before,
              new_followers_two_months as gained, growth_two_months as growth, two_months_before_rank as before_rank
       from social_rankings where platform = 'x' and date = '2024-03-31' order by state`,
    );
    expect(rows).toEqual([
      { state: 'Bihar', base: '2024-01-31', before: 80, gained: 20, growth: 0.25, before_rank: 1 },
      { state: 'Karnataka', base: null, before: null, gained: null, growth: null, before_rank: null },
      { state: 'Kerala', base: '2024-01-15', before: 150, gained: 50, growth: 50 / 150, before_rank: 1 },
    ]);
  });
});
