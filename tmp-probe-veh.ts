import { openDuckDb } from './lake/duckdb.ts';
import { loadConfig } from './lake/config.ts';
import { openLake } from './lake/lake.ts';
import { silentLogger } from './lake/log.ts';
import { ingestVehiclesFile } from './ingestors/vehicles/ingest-vehicles.ts';
const dir = '/tmp/vp/lake';
const env = { CRIMELAKE_LAKE: dir, CRIMELAKE_CACHE_DIR: dir + '/.cache' };
const lake = openLake(dir, loadConfig(env), silentLogger);
const db = await openDuckDb();
try { console.log(JSON.stringify(await ingestVehiclesFile({ lake, db }, process.argv[2]!))); } catch (e) { console.log('ERR', e); }
db.close();
