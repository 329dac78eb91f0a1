import { FaultInjector, parseFaultPlan } from '../../src/server/fault-injector.js';
import { pageLinks } from '../../src/server/paging.js';

describe('fault plan (testing-only switch)', () => {
  it('parses shares and rejects nonsense', () => {
    expect(parseFaultPlan('429:0.2, 500:0.1,reset:0.1,seed:7')).toEqual({
      rates: { '429': 0.2, '500': 0.1, reset: 0.1 },
      afterShare: 0.5,
      seed: 7,
    });
    expect(() => parseFaultPlan('418:0.1')).toThrow(/unknown fault/);
    expect(() => parseFaultPlan('429:2')).toThrow(/share/);
    expect(() => parseFaultPlan('429:0.6,500:0.6')).toThrow(/more than 1/);
  });

  it('injects roughly the configured share, reproducibly with a seed, 429 never after processing', () => {
    const run = (): string[] => {
      const injector = new FaultInjector(parseFaultPlan('429:0.2,500:0.1,reset:0.1,seed:42'));
      return Array.from({ length: 2000 }, () => {
        const d = injector.decide('POST');
        return d === undefined ? '-' : `${d.kind}${d.after ? '+' : ''}`;
      });
    };
    const first = run();
    expect(run()).toEqual(first);
    const share = first.filter((d) => d !== '-').length / first.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
    expect(first).not.toContain('429+');
    expect(first).toContain('500+');
    expect(first).toContain('reset+');
  });
});

describe('paging links', () => {
  it('gives first/next/previous/last hrefs keeping the filters', () => {
    const url = new URL('http://h/api/v2/secrets?limit=2&offset=2&groups=default');
    const links = pageLinks(url, { offset: 2, limit: 2 }, 5);
    expect(links.total_count).toBe(5);
    expect(links.first.href).toBe('http://h/api/v2/secrets?limit=2&groups=default');
    expect(links.next?.href).toBe('http://h/api/v2/secrets?limit=2&offset=4&groups=default');
    expect(links.previous?.href).toBe('http://h/api/v2/secrets?limit=2&groups=default');
    expect(links.last.href).toBe('http://h/api/v2/secrets?limit=2&offset=4&groups=default');
    expect(pageLinks(url, { offset: 4, limit: 2 }, 5).next).toBeUndefined();
  });
});
