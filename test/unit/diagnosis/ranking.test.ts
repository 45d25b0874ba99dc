import { describe, expect, it } from 'vitest';
import type { CheckId, CheckResult, CheckStatus } from '../../../src/diagnosis/model.js';
import { likelyCause, rankChecks } from '../../../src/diagnosis/ranking.js';

function result(id: CheckId, status: CheckStatus): CheckResult {
  return { id, title: id, status, summary: '', findings: [], evidence: [], remediation: [] };
}

const ids = (results: CheckResult[]) => results.map((r) => `${r.id}:${r.status}`);

describe('rankChecks', () => {
  const allPassing = [
    result('tls', 'pass'),
    result('cloud-armor', 'pass'),
    result('proxy-mig', 'pass'),
    result('network', 'pass'),
    result('attachments', 'pass'),
  ];

  it('without a symptom, orders by severity and keeps the checks’ own order among equals', () => {
    const ranked = rankChecks([
      result('tls', 'pass'),
      result('cloud-armor', 'error'),
      result('proxy-mig', 'warn'),
      result('network', 'skipped'),
      result('attachments', 'fail'),
    ]);
    expect(ids(ranked)).toEqual([
      'attachments:fail',
      'proxy-mig:warn',
      'cloud-armor:error',
      'tls:pass',
      'network:skipped',
    ]);
  });

  it('puts a failing network before a failing proxy-mig: a wrong network leaves the bridge unhealthy', () => {
    const bothFail = [
      result('tls', 'pass'),
      result('cloud-armor', 'pass'),
      result('proxy-mig', 'fail'),
      result('network', 'fail'),
      result('attachments', 'pass'),
    ];
    expect(likelyCause(rankChecks(bothFail, '502'))).toBe('network');
    expect(likelyCause(rankChecks(bothFail))).toBe('network');
    // Alone, proxy-mig keeps its place as the 502's first cause.
    const proxyOnly = bothFail.map((r) => (r.id === 'network' ? result('network', 'pass') : r));
    expect(likelyCause(rankChecks(proxyOnly, '502'))).toBe('proxy-mig');
    expect(ids(rankChecks(allPassing, '502'))[0]).toBe('proxy-mig:pass');
  });

  it('for a 502 puts proxy-mig and network first, then cloud-armor, even when they pass', () => {
    expect(ids(rankChecks(allPassing, '502')).slice(0, 3)).toEqual([
      'proxy-mig:pass',
      'network:pass',
      'cloud-armor:pass',
    ]);
  });

  it('for a 502 lets a failing network outrank a passing proxy-mig', () => {
    const ranked = rankChecks(
      allPassing.map((r) => (r.id === 'network' ? result('network', 'fail') : r)),
      '502',
    );
    expect(ids(ranked)[0]).toBe('network:fail');
  });

  it('for a TLS failure puts tls first, for a 503 attachments, for a 403 cloud-armor', () => {
    expect(rankChecks(allPassing, 'tls')[0]?.id).toBe('tls');
    expect(rankChecks(allPassing, '503')[0]?.id).toBe('attachments');
    expect(rankChecks(allPassing, '403')[0]?.id).toBe('cloud-armor');
  });

  it('for a 404 looks at cloud-armor and attachments (the envgroup with no environment) first', () => {
    expect(ids(rankChecks(allPassing, '404')).slice(0, 2)).toEqual(['cloud-armor:pass', 'attachments:pass']);
  });

  it('keeps a failing check outside the symptom after the symptom’s checks', () => {
    const ranked = rankChecks(
      allPassing.map((r) => (r.id === 'tls' ? result('tls', 'fail') : r)),
      '503',
    );
    expect(ids(ranked).slice(0, 2)).toEqual(['attachments:pass', 'tls:fail']);
  });
});

describe('likelyCause', () => {
  it('is the first failing or warning check of the ranked list', () => {
    const ranked = rankChecks(
      [result('tls', 'warn'), result('attachments', 'fail'), result('network', 'error')],
      '502',
    );
    expect(likelyCause(ranked)).toBe('attachments');
  });

  it('is undefined when nothing failed or warned', () => {
    expect(likelyCause([result('tls', 'pass'), result('network', 'error')])).toBeUndefined();
  });
});
