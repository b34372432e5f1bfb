// The scanner the fault suite runs over every log line and error must itself find what it
// looks for — otherwise a clean scan proves nothing.
import { describe, expect, it } from 'vitest';
import { scanForSecrets, scanSources, secretForms } from './secret-scan.js';

const secrets = [
  { name: 'Balance password', value: 'p@ss/word+Ünï' },
  { name: 'webhook secret', value: 'whsec&<tag>"quoted"' },
];

describe('scanForSecrets', () => {
  it('finds a secret as is, percent-encoded, JSON-escaped and HTML-encoded', () => {
    const forms = secretForms('whsec&<tag>"quoted"');
    expect(forms).toEqual(
      expect.arrayContaining([
        'whsec&<tag>"quoted"',
        'whsec%26%3Ctag%3E%22quoted%22',
        'whsec&<tag>\\"quoted\\"',
        'whsec&amp;&lt;tag&gt;&quot;quoted&quot;',
      ]),
    );
    const text = forms.map((form, i) => `line ${i}: ${form}`).join('\n');
    const findings = scanForSecrets(text, 'test.log', secrets);
    expect(findings.map((f) => f.line)).toEqual(forms.map((_, i) => i + 1));
    expect(findings.every((f) => f.secret === 'webhook secret')).toBe(true);
    // the excerpt never repeats the secret
    for (const f of findings) expect(f.excerpt).not.toContain('quoted');
  });

  it('finds Authorization header values of any scheme, but not redacted ones', () => {
    const lines = [
      '{"req":{"headers":{"authorization":"Basic d29vLXN5bmM6c2VjcmV0"}}}',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload',
      "authorization='OAuth oauth_consumer_key=ck_1'",
      '{"authorization":"[Redacted]"}',
      'Authorization: Bearer [Redacted]',
      'the word authorization alone',
    ].join('\n');
    const findings = scanForSecrets(lines, 'x.log', []);
    expect(findings.map((f) => [f.line, f.secret])).toEqual([
      [1, 'Authorization header'],
      [2, 'Authorization header'],
      [3, 'Authorization header'],
    ]);
  });

  it('finds WooCommerce consumer secrets by their shape', () => {
    const findings = scanForSecrets(
      `url=https://shop.ge/?consumer_secret=cs_${'a1'.repeat(20)}`,
      'x.log',
      [],
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.excerpt).not.toContain('a1a1a1');
  });

  it('ignores values too short to be told apart from ordinary text', () => {
    expect(scanForSecrets('id=abc', 'x', [{ name: 'short', value: 'abc' }])).toEqual([]);
  });

  it('summarises many sources', () => {
    const summary = scanSources(
      [
        { name: 'a', text: 'one\ntwo' },
        { name: 'b', text: 'p@ss/word+Ünï' },
      ],
      secrets,
    );
    expect(summary).toMatchObject({ sources: 2, lines: 3 });
    expect(summary.findings).toEqual([
      { secret: 'Balance password', source: 'b', line: 1, excerpt: '«secret»' },
    ]);
  });
});
