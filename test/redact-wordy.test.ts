import { describe, expect, it } from 'vitest';
import { isWordy, looksRandom, redactSecrets } from '../src/secrets/redact.js';

// The regex isWordy replaced: it accepts the same words, but can split a run in exponentially many ways.
const OLD_WORDY = /^(?:[A-Z]?[a-z]+|[A-Z]{2,}(?![a-z])|[0-9]{1,4})+$/;

function* words(alphabet: string, maxLength: number): Generator<string> {
  let level = [''];
  for (let n = 1; n <= maxLength; n++) {
    level = level.flatMap((w) => [...alphabet].map((c) => w + c));
    yield* level;
  }
}

describe('isWordy: words made of words, in linear time', () => {
  it('accepts exactly what the old regex accepted, on every word of up to 7 characters over a A b B 1 _', () => {
    let checked = 0;
    for (const word of words('aAbB1_', 7)) {
      expect(isWordy(word), word).toBe(OLD_WORDY.test(word));
      checked++;
    }
    expect(checked).toBeGreaterThan(300_000);
    expect(isWordy('')).toBe(false);
  });

  it('answers at once on a long lower-case run ending in a lone capital (the old regex backtracked past the test timeout)', () => {
    // From a bundled Lambda asset: one long identifier-like run in a minified file.
    const word = `${'abcdefgh'.repeat(8)}Q`;
    expect(isWordy(word)).toBe(false);
    expect(looksRandom(`${word}9x${word}`)).toBe(false);
    expect(redactSecrets(`const k = "${'x'.repeat(50)}Z";`)).toContain('const k');
  });
});

describe('identifiers with a version or instance suffix are words, random strings with one are not', () => {
  it('keeps CDK stack ids like ConnectLexAiN1 and ApiStackV2, still redacts a random key ending in N1', () => {
    expect(redactSecrets("new ConnectLexAiStack(app, 'TodaysDentalInsightsConnectLexAiN1', {")).toContain('TodaysDentalInsightsConnectLexAiN1');
    expect(looksRandom('MyServiceApiGatewayRestApiStackV2')).toBe(false);
    expect(looksRandom('OpenAiChatCompletionServiceHandlerN12')).toBe(false);
    expect(looksRandom('q8ZtR3vK1mXw9PbL2nYc7HdF4sJg6TaN1')).toBe(true);
    expect(redactSecrets("const key = 'q8ZtR3vK1mXw9PbL2nYc7HdF4sJg6TaV2';")).not.toContain('q8ZtR3vK1mXw9PbL2nYc7HdF4sJg6TaV2');
  });
});
