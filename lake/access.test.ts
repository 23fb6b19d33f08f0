import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccessConfigError, AccessDeniedError, authenticate, parseAccessConfig, principalFromEnv, tokenVariable } from './access.ts';

const yaml = `users:
  - name: asha
    role: analyst
  - name: vikram
    role: investigator
    districts: [Jaunpur]
  - name: neha
    role: investigator
    districts: [Ghazipur]
    token_sha256: ${crypto.createHash('sha256').update('neha-secret-token').digest('hex')}
`;

describe('access config and tokens', () => {
  const access = parseAccessConfig(yaml);
  const env = { CRIMELAKE_TOKEN_ASHA: 'asha-secret-token', CRIMELAKE_TOKEN_VIKRAM: 'vikram-secret-token' };

  it('authenticates a token from the environment or a hash in the file', () => {
    expect(authenticate(access, 'asha-secret-token', env)).toEqual({ user: 'asha', role: 'analyst', districts: [] });
    expect(authenticate(access, 'neha-secret-token', env)).toMatchObject({ user: 'neha', districts: ['Ghazipur'] });
    expect(principalFromEnv(access, 'vikram', env)).toMatchObject({ role: 'investigator', districts: ['Jaunpur'] });
  });

  it('refuses missing and wrong tokens with 401', () => {
    for (const token of [undefined, '', 'wrong']) {
      const e = (() => {
        try {
          authenticate(access, token, env);
        } catch (error) {
          return error;
        }
      })();
      expect(e).toBeInstanceOf(AccessDeniedError);
      expect((e as AccessDeniedError).status).toBe(401);
    }
    expect(() => principalFromEnv(access, 'neha', env)).toThrow(/CRIMELAKE_TOKEN_NEHA/);
  });

  it('names the token variable after the user', () => {
    expect(tokenVariable('scrb-admin')).toBe('CRIMELAKE_TOKEN_SCRB_ADMIN');
  });

  it('rejects bad files clearly', () => {
    expect(() => parseAccessConfig('users:\n  - name: x\n    role: investigator\n')).toThrow(/investigator x has no districts/);
    expect(() => parseAccessConfig('users:\n  - name: x\n    role: boss\n')).toThrow(AccessConfigError);
    expect(() => parseAccessConfig('users:\n  - name: x\n    role: investigator\n    districts: [Atlantis]\n')).toThrow(
      /unknown district Atlantis/,
    );
  });
});
