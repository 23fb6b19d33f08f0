/** Connection options from the config: plain, mutual TLS with a private CA, API key; bad settings named. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../lake/config.ts';
import { tempDir } from '../test/util/lakes.ts';
import { temporalConnectionOptions } from './worker.ts';

function pemFiles(): Record<'cert' | 'key' | 'ca', string> {
  const dir = tempDir('tls');
  const files = { cert: 'client.pem', key: 'client.key', ca: 'ca.pem' };
  for (const [kind, name] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), `-----${kind}-----\n`);
  return {
    cert: path.join(dir, files.cert),
    key: path.join(dir, files.key),
    ca: path.join(dir, files.ca),
  };
}

describe('temporalConnectionOptions', () => {
  it('connects in plain text to the default local server', () => {
    expect(temporalConnectionOptions(loadConfig({}))).toEqual({ address: '127.0.0.1:7233' });
  });

  it('reads the client certificate pair and the CA for mutual TLS', () => {
    const pem = pemFiles();
    const options = temporalConnectionOptions(
      loadConfig({
        TEMPORAL_ADDRESS: 'temporal.scrb.example:7233',
        TEMPORAL_TLS_CERT: pem.cert,
        TEMPORAL_TLS_KEY: pem.key,
        TEMPORAL_TLS_CA: pem.ca,
        TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
      }),
    );
    expect(options.address).toBe('temporal.scrb.example:7233');
    expect(options.tls?.serverNameOverride).toBe('temporal-frontend');
    expect(options.tls?.serverRootCACertificate?.toString()).toBe('-----ca-----\n');
    expect(options.tls?.clientCertPair?.crt.toString()).toBe('-----cert-----\n');
    expect(options.tls?.clientCertPair?.key.toString()).toBe('-----key-----\n');
    expect(options.apiKey).toBeUndefined();
  });

  it('uses TLS with the system roots for an API key', () => {
    const options = temporalConnectionOptions(
      loadConfig({ TEMPORAL_ADDRESS: 'ap-south-1.aws.api.temporal.io:7233', TEMPORAL_API_KEY: 'secret-key' }),
    );
    expect(options).toEqual({ address: 'ap-south-1.aws.api.temporal.io:7233', tls: {}, apiKey: 'secret-key' });
  });

  it('names the setting that is wrong', () => {
    const pem = pemFiles();
    expect(() => temporalConnectionOptions(loadConfig({ TEMPORAL_TLS_CERT: pem.cert }))).toThrow(
      new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both or neither'),
    );
    expect(() => temporalConnectionOptions(loadConfig({ TEMPORAL_TLS_CA: '/nonexistent/ca.pem' }))).toThrow(
      /TEMPORAL_TLS_CA: no such file \/nonexistent\/ca\.pem/,
    );
    expect(() => loadConfig({ CRIMELAKE_WORKER_CONCURRENCY: '0' })).toThrow(/CRIMELAKE_WORKER_CONCURRENCY/);
  });
});
