/**
 * TESTING ONLY. Makes a share of requests fail the way a flaky network or an
 * overloaded service does, so client retries can be proven against the real
 * server: `429:0.2,500:0.1,reset:0.1[,seed:42]` (env `IBM_SM_SERVER_FAULTS` or
 * `--faults`). A 429 is always answered before the request is processed; a 500
 * or a reset of a request that changes state (POST/PATCH/DELETE) happens half
 * of the time AFTER the change was made, which is what makes a blind client
 * retry dangerous.
 */

export type FaultKind = '429' | '500' | 'reset';

export interface FaultPlan {
  readonly rates: Readonly<Record<FaultKind, number>>;
  /** Share of 500/reset faults on state-changing requests applied after processing. */
  readonly afterShare: number;
  readonly seed?: number;
}

export interface FaultDecision {
  readonly kind: FaultKind;
  readonly after: boolean;
}

const KINDS: readonly FaultKind[] = ['429', '500', 'reset'];

export function parseFaultPlan(spec: string): FaultPlan {
  const rates: Record<FaultKind, number> = { '429': 0, '500': 0, reset: 0 };
  let seed: number | undefined;
  let afterShare = 0.5;
  for (const entry of spec.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const [name = '', rawValue = ''] = entry.split(':').map((p) => p.trim());
    const value = Number(rawValue);
    if (rawValue === '' || !Number.isFinite(value)) throw new Error(`faults: "${entry}" needs a numeric value (NAME:VALUE).`);
    if (name === 'seed') seed = Math.trunc(value);
    else if (name === 'after') afterShare = value;
    else if ((KINDS as readonly string[]).includes(name)) rates[name as FaultKind] = value;
    else throw new Error(`faults: unknown fault "${name}" (use 429, 500, reset, after or seed).`);
    if (name !== 'seed' && (value < 0 || value > 1)) throw new Error(`faults: "${entry}" must be a share from 0 to 1.`);
  }
  if (rates['429'] + rates['500'] + rates.reset > 1) throw new Error('faults: the shares add up to more than 1.');
  return { rates, afterShare, ...(seed === undefined ? {} : { seed }) };
}

/** mulberry32: a tiny seeded PRNG so a faulty run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private readonly random: () => number;
  /** Faults injected so far, by kind (for logs and tests). */
  readonly injected: Record<FaultKind, number> = { '429': 0, '500': 0, reset: 0 };

  constructor(private readonly plan: FaultPlan) {
    this.random = plan.seed === undefined ? Math.random : seeded(plan.seed);
  }

  decide(method: string): FaultDecision | undefined {
    const roll = this.random();
    let edge = 0;
    for (const kind of KINDS) {
      edge += this.plan.rates[kind];
      if (roll < edge) {
        const mutating = method !== 'GET' && method !== 'HEAD';
        const after = kind !== '429' && mutating && this.random() < this.plan.afterShare;
        this.injected[kind] += 1;
        return { kind, after };
      }
    }
    return undefined;
  }
}
