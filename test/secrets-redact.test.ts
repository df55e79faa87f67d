import { describe, expect, it } from 'vitest';
import { REDACTED, looksRandom, redactSecrets } from '../src/secrets/redact.js';

// Built at run time so that no complete key sits in the repository.
const aws = 'AKIA' + 'Q3EGRIT7Z5XK2M4N';
const stripe = 'sk_' + 'live_' + '51HxYz9aBcDeFgHiJkLmNoPq';
const paddle = 'pdl_' + 'live_apikey_01hz3x9k2m4n6p8r0t2v4x6z8b_Qw3rTy7uI9oP1aS5dF';

describe('redactSecrets', () => {
  it('replaces provider key formats', () => {
    for (const secret of [aws, stripe, paddle, 'whsec_' + 'a1B2c3D4e5F6g7H8i9J0', 'ghp_' + 'a'.repeat(20) + 'B1c2D3e4F5g6H7i8J9', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U']) {
      expect(redactSecrets(`key: ${secret} end`)).toBe(`key: ${REDACTED} end`);
    }
  });

  it('replaces values assigned to secret-named keys, quoted or in dotenv/YAML lines', () => {
    expect(redactSecrets("clientSecret: 'abcd1234efgh5678'")).toBe(`clientSecret: '${REDACTED}'`);
    expect(redactSecrets('PADDLE_WEBHOOK_SECRET=abcd1234efgh5678')).toBe(`PADDLE_WEBHOOK_SECRET=${REDACTED}`);
    expect(redactSecrets('  password: hunter2hunter2')).toBe(`  password: ${REDACTED}`);
    expect(redactSecrets('postgres://admin:hunter22@db.example.com/app')).toBe(`postgres://admin:${REDACTED}@db.example.com/app`);
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456')).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('redacts whole PEM private keys and long random strings', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x\n-----END RSA PRIVATE KEY-----';
    expect(redactSecrets(`a\n${pem}\nb`)).toBe(`a\n${REDACTED}\nb`);
    expect(redactSecrets('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(REDACTED);
    expect(redactSecrets('3f9a1c0b5e7d2a4f6b8c0e1d3a5f7b9c2e4d6f8a0b1c3e5d7f9a2b4c6d8e0f1a')).toBe(REDACTED);
  });

  it('leaves code references, names, paths, ids and prose alone', () => {
    const keep = [
      'const kv = new KVClient({ apiKey: process.env.KV_API_KEY! });',
      'secretName: "kv/prod/paddle"',
      'Bearer ${process.env.PADDLE_API_KEY}',
      'token = getToken()',
      'ALLOWED_ORIGIN=http://localhost:5173',
      '`/packages/dashboard/src/components/UsageChart.tsx:12`',
      '@aws-sdk/client-cognito-identity-provider AdminUpdateUserAttributesCommand',
      'VITE_COGNITO_USER_POOL_ID PADDLE_API_KEY secrets.AWS_SECRET_ACCESS_KEY',
      'a3fb9e5c0a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f',
    ];
    for (const text of keep) expect(redactSecrets(text)).toBe(text);
    expect(looksRandom('packages/infrastructure/lib/constructs/KvFunctionProps')).toBe(false);
  });

  it('leaves CamelCase construct ids whose acronym runs into the next word, and still redacts random tokens among them', () => {
    // A CDK construct path (aws-samples/serverless-eda-insurance-claims-processing): `DLon` is `DL` + `on`.
    for (const id of ['ClaimsProcessingStack/CustomerService/UpdateDLonFraudNotDetectedRule', 'Stack/Api/CreateHTTPServerForDDBTableAccessRole3']) {
      expect(looksRandom(id)).toBe(false);
      expect(redactSecrets(`EventBridge rule ${id}`)).toBe(`EventBridge rule ${id}`);
    }
    // A 28-character base62 token in the same place, letters-only base64, and a 32-character token alone stay secret.
    expect(redactSecrets('ClaimsProcessingStack/CustomerService/' + 'aZ3kP9qLmN2xR7tY4wB8vC1dE6fG')).toBe(REDACTED);
    expect(redactSecrets('ClaimsProcessingStack/CustomerService/' + 'QmFzZVNlY3JldFRva2VuVmFsdWU')).toBe(REDACTED);
    expect(redactSecrets('rule ' + 'Xq7LmP2vRt9KsW4nZb8YhC3dFg6JkA1e')).toBe(`rule ${REDACTED}`);
    // Capitals running into lower case, as in `DLon`, but no words (no vowels).
    expect(redactSecrets('rule ' + 'QXmbpRTvwzKLpqrNMxyzWQbcdFGhjkZa')).toBe(`rule ${REDACTED}`);
  });
});
