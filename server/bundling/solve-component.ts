// the bundling search on one connected component of one unit. Multi-start construction (fixed
// strategies plus seeded random restarts): anchors first or last, max-p region growing from the
// most constrained seeds, anchor growth, enclave absorption. Then repairs, each of which raises
// (covered households, bundles): rescue a leftover by borrowing what neighbours can spare, split a
// bundle that holds twice the minimum, peel a compound off to an unused anchor (with a refill
// ejection chain), swap a leftover in for a smaller member. The best plan then re-solves every two
// neighbouring bundles together (merge and split), and boundary moves make it compact.
// Pure and deterministic: the only randomness is a PRNG seeded from the options and the ids.

/** One component in local indices 0..n-1, ordered by compound id. */
export type ComponentInput = {
  ids: readonly number[];
  households: readonly number[];
  managed: readonly boolean[];
  xs: readonly number[];
  ys: readonly number[];
  /** local neighbour indices, ascending; managed–managed pairs left out */
  neighbours: readonly (readonly number[])[];
};

export type ComponentLimits = {
  minHouseholds: number;
  maxHouseholds: number;
  maxCompounds: number;
  restarts: number;
  seed: number;
};

/** A bundle in local indices; `anchor` is a managed member's index, or -1. */
export type ComponentBundle = { members: number[]; anchor: number };

type GrowRule = 'constrained' | 'nearest' | 'largest' | 'random';
type AnchorMode = 'last' | 'adjacent_first' | 'first' | 'match_first';
type Strategy = { seedRule: 'constrained' | 'random'; growRule: GrowRule; anchorMode: AnchorMode };

const GROW_RULES: GrowRule[] = ['constrained', 'nearest', 'largest'];
const ANCHOR_MODES: AnchorMode[] = ['last', 'adjacent_first', 'first', 'match_first'];
const COMPACTNESS_PASSES = 20; // boundary-move sweeps; each must improve, so this only caps a long tail
const EPSILON_M = 1e-6; // compactness gains below this are rounding, not improvement

/**
 * Bundles one component: the best of the fixed strategies and `restarts` randomised ones by
 * (unmanaged households covered, bundles, −sum of distances to centre), then compacted.
 *
 * @example
 * solveComponent({ids: [1, 2], households: [200, 150], managed: [false, false],
 *   xs: [0, 50], ys: [0, 0], neighbours: [[1], [0]]}, limits); // [{members: [0, 1], anchor: -1}]
 */
export function solveComponent(c: ComponentInput, lim: ComponentLimits): ComponentBundle[] {
  const best = searchBest(c, lim, lim.restarts);
  if (best === null) return [];
  best.improvePairs();
  best.compact();
  return best.toBundles();
}

const PAIR_RESTARTS = 2; // randomised constructions when re-solving two bundles together

// the best plan over the strategies, or null when nothing can be bundled
function searchBest(c: ComponentInput, lim: ComponentLimits, restarts: number): Plan | null {
  const n = c.ids.length;
  let unmanagedTotal = 0;
  let anchors = 0;
  for (let i = 0; i < n; i++) {
    if (c.managed[i]) anchors++;
    else unmanagedTotal += c.households[i]!;
  }
  if (anchors === 0 && unmanagedTotal < lim.minHouseholds) return null;

  const modes = anchors === 0 ? ANCHOR_MODES.slice(0, 1) : ANCHOR_MODES;
  const strategies: Strategy[] = [];
  for (const anchorMode of modes) {
    for (const growRule of GROW_RULES)
      strategies.push({ seedRule: 'constrained', growRule, anchorMode });
  }
  // a lone compound or a pair has nothing for restarts to find
  const rng = createRng(lim.seed ^ Math.imul(c.ids[0]!, 0x9e3779b1));
  for (let r = 0; n > 2 && r < restarts; r++) {
    strategies.push({
      seedRule: 'random',
      growRule: 'random',
      anchorMode: modes[Math.floor(rng() * modes.length)]!,
    });
  }

  let best: Plan | null = null;
  let bestScore: Score | null = null;
  for (const strategy of strategies) {
    const plan = construct(c, lim, strategy, rng);
    const score = plan.score();
    if (bestScore === null || isBetter(score, bestScore)) {
      best = plan;
      bestScore = score;
    }
  }
  return best;
}

type Score = { covered: number; count: number; distance: number };

function isBetter(a: Score, b: Score): boolean {
  if (a.covered !== b.covered) return a.covered > b.covered;
  if (a.count !== b.count) return a.count > b.count;
  return a.distance < b.distance - EPSILON_M;
}

function construct(c: ComponentInput, lim: ComponentLimits, s: Strategy, rng: () => number): Plan {
  const plan = new Plan(c, lim, rng);
  if (s.anchorMode === 'match_first') plan.matchAnchors();
  else if (s.anchorMode !== 'last') plan.growAnchors(s.anchorMode === 'adjacent_first');
  plan.growRegions(s);
  plan.growAnchors(false);
  plan.absorbEnclaves();
  // repairs feed each other (a split frees surplus for a rescue); each round improves the score
  for (let round = 0; round < c.ids.length; round++) {
    const rescued = plan.rescueLeftovers();
    const split = plan.splitBundles();
    const peeled = plan.peelToAnchors();
    const swapped = plan.swapInLeftovers();
    const anchored = plan.growAnchors(false); // a swap may free a compound an anchor can take
    if (!rescued && !split && !peeled && !swapped && !anchored) break;
    plan.absorbEnclaves();
  }
  return plan;
}

type PlanBundle = { members: number[]; anchor: number; households: number; alive: boolean };

class Plan {
  private readonly bundleOf: Int32Array;
  private readonly bundles: PlanBundle[] = [];
  // scratch marks; a fresh stamp per use avoids clearing
  private readonly mark: Int32Array;
  private readonly seen: Int32Array;
  private stamp = 0;
  private readonly pick = new BestPick();
  private cx = 0; // centre set by centreOf
  private cy = 0;

  constructor(
    private readonly c: ComponentInput,
    private readonly lim: ComponentLimits,
    private readonly rng: () => number,
  ) {
    const n = c.ids.length;
    this.bundleOf = new Int32Array(n).fill(-1);
    this.mark = new Int32Array(n);
    this.seen = new Int32Array(n);
  }

  score(): Score {
    let covered = 0;
    let count = 0;
    let distance = 0;
    for (const b of this.bundles) {
      if (!b.alive) continue;
      count++;
      covered += b.households - (b.anchor >= 0 ? this.c.households[b.anchor]! : 0);
      distance += this.spread(b.members);
    }
    return { covered, count, distance };
  }

  toBundles(): ComponentBundle[] {
    return this.bundles
      .filter((b) => b.alive)
      .map((b) => ({ members: [...b.members].sort((i, j) => i - j), anchor: b.anchor }));
  }

  /** Max-p construction: seed, grow through free unmanaged neighbours until the minimum. */
  growRegions(s: Strategy): void {
    const { c, lim } = this;
    const n = c.ids.length;
    const tried = new Uint8Array(n);
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (!c.managed[i]) order.push(i);
    if (s.seedRule === 'random') shuffle(order, this.rng);
    let cursor = 0;
    for (;;) {
      let seed = -1;
      if (s.seedRule === 'random') {
        while (cursor < order.length && this.bundleOf[order[cursor]!] !== -1) cursor++;
        seed = cursor < order.length ? order[cursor++]! : -1;
      } else {
        // most constrained first: fewest free neighbours, then fewest households
        let bestDegree = Infinity;
        for (const i of order) {
          if (tried[i] || this.bundleOf[i] !== -1) continue;
          const d = this.freeDegree(i, -1);
          if (d < bestDegree || (d === bestDegree && c.households[i]! < c.households[seed]!)) {
            bestDegree = d;
            seed = i;
          }
        }
      }
      if (seed < 0) return;
      tried[seed] = 1;
      if (c.households[seed]! > lim.maxHouseholds) continue;
      const region = this.growRegion(seed, s.growRule);
      if (region !== null) this.open(region, -1);
    }
  }

  /**
   * Anchors absorb free unmanaged compounds nearest first, each compound going to the closest
   * anchor that reaches it with room; `adjacentOnly` stops at the anchors' direct neighbours.
   */
  growAnchors(adjacentOnly: boolean): boolean {
    const { c, lim } = this;
    let anyFree = false;
    for (let v = 0; v < c.ids.length && !anyFree; v++) {
      anyFree = !c.managed[v] && this.bundleOf[v] === -1;
    }
    if (!anyFree) return false;
    const heap = new TripleHeap();
    for (let a = 0; a < c.ids.length; a++) {
      if (!c.managed[a]) continue;
      const b = this.bundleOf[a]!;
      if (b === -1) this.pushAnchorFrontier(heap, a, a);
      else for (const v of this.bundles[b]!.members) this.pushAnchorFrontier(heap, a, v);
    }
    let any = false;
    while (heap.size > 0) {
      const [, a, j] = heap.pop();
      if (this.bundleOf[j] !== -1) continue;
      const b = this.bundleOf[a]!;
      if (b === -1) {
        const total = c.households[a]! + c.households[j]!;
        if (total > lim.maxHouseholds || lim.maxCompounds < 2) continue;
        this.open([a, j], a);
      } else if (this.fits(b, j)) {
        this.add(b, j);
      } else continue;
      any = true;
      if (!adjacentOnly) this.pushAnchorFrontier(heap, a, j);
    }
    return any;
  }

  // free unmanaged neighbours of v, keyed by their distance to anchor a
  private pushAnchorFrontier(heap: TripleHeap, a: number, v: number): void {
    const { c } = this;
    for (const j of c.neighbours[v]!) {
      if (c.managed[j] || this.bundleOf[j] !== -1) continue;
      heap.push(Math.hypot(c.xs[a]! - c.xs[j]!, c.ys[a]! - c.ys[j]!), a, j);
    }
  }

  /**
   * Every anchor takes one free neighbour, the smallest, most constrained anchors first: many
   * small anchored bundles leave the large compounds to viable unmanaged bundles.
   */
  matchAnchors(): void {
    const { c } = this;
    const anchors: [number, number][] = [];
    for (let a = 0; a < c.ids.length; a++) {
      if (c.managed[a] && this.bundleOf[a] === -1) anchors.push([this.freeDegree(a, -1), a]);
    }
    anchors.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (const [, a] of anchors) {
      const v = this.smallestNeighbour(a, (j) => this.bundleOf[j] === -1);
      if (v >= 0) this.open([a, v], a);
    }
  }

  /** An unused anchor takes a compound its bundle can spare: one more bundle, same coverage. */
  peelToAnchors(): boolean {
    const { c } = this;
    let any = false;
    for (let a = 0; a < c.ids.length; a++) {
      if (!c.managed[a] || this.bundleOf[a] !== -1) continue;
      const v = this.smallestNeighbour(a, (j) => {
        const b = this.bundleOf[j]!;
        return b !== -1 && this.canGive(b, j);
      });
      if (v >= 0) {
        this.remove(this.bundleOf[v]!, v);
        this.open([a, v], a);
        any = true;
      } else if (this.peelWithRefill(a)) {
        any = true;
      }
    }
    return any;
  }

  // an ejection chain: the anchor takes v, and v's bundle, now short, borrows from its neighbours
  private peelWithRefill(a: number): boolean {
    const { c, lim } = this;
    for (const v of c.neighbours[a]!) {
      const b = this.bundleOf[v]!;
      if (c.managed[v] || b === -1 || c.households[a]! + c.households[v]! > lim.maxHouseholds)
        continue;
      const bundle = this.bundles[b]!;
      if (bundle.anchor >= 0 || lim.maxCompounds < 2) continue;
      const rest = bundle.members.filter((m) => m !== v);
      if (rest.length === 0 || !this.isConnected(rest)) continue;
      for (const m of [...bundle.members]) this.remove(b, m);
      if (this.growByBorrowing(rest, v)) {
        this.open(rest, -1);
        this.open([a, v], a);
        return true;
      }
      for (const m of [...rest, v]) this.add(b, m);
    }
    return false;
  }

  // the unmanaged neighbour of anchor a with the fewest households that passes `ok` and fits
  private smallestNeighbour(a: number, ok: (j: number) => boolean): number {
    const { c, lim } = this;
    if (lim.maxCompounds < 2) return -1;
    let best = -1;
    for (const j of c.neighbours[a]!) {
      if (c.managed[j] || c.households[a]! + c.households[j]! > lim.maxHouseholds || !ok(j))
        continue;
      if (best < 0 || c.households[j]! < c.households[best]!) best = j;
    }
    return best;
  }

  /** Free unmanaged compounds next to a bundle with room join the one whose centre is nearest. */
  absorbEnclaves(): void {
    const { c } = this;
    for (let changed = true; changed;) {
      changed = false;
      for (let v = 0; v < c.ids.length; v++) {
        if (c.managed[v] || this.bundleOf[v] !== -1) continue;
        let best = -1;
        let bestD = Infinity;
        for (const j of c.neighbours[v]!) {
          const b = this.bundleOf[j]!;
          if (b === -1 || b === best || !this.fits(b, v)) continue;
          this.centreOf(this.bundles[b]!.members);
          const d = this.distanceToCentre(v);
          if (d < bestD) {
            bestD = d;
            best = b;
          }
        }
        if (best >= 0) {
          this.add(best, v);
          changed = true;
        }
      }
    }
  }

  /**
   * A new bundle from a leftover: grow through free compounds first, then borrow boundary
   * compounds a neighbouring bundle can spare (it stays connected and viable). Covers more and
   * adds a bundle, or changes nothing.
   */
  rescueLeftovers(): boolean {
    const { c, lim } = this;
    let any = false;
    for (let u = 0; u < c.ids.length; u++) {
      if (c.managed[u] || this.bundleOf[u] !== -1 || c.households[u]! > lim.maxHouseholds) continue;
      const region = [u];
      if (!this.growByBorrowing(region, -1)) continue;
      this.open(region, -1);
      any = true;
    }
    return any;
  }

  /**
   * Grows `region` (free compounds, not `exclude`) to the minimum through free compounds first,
   * then compounds neighbouring bundles can spare. On failure everything borrowed goes back and
   * `region` is as it was.
   */
  private growByBorrowing(region: number[], exclude: number): boolean {
    const { c, lim } = this;
    const stamp = ++this.stamp;
    for (const v of region) this.mark[v] = stamp;
    if (exclude >= 0) this.mark[exclude] = stamp;
    const initial = region.length;
    let households = region.reduce((sum, v) => sum + c.households[v]!, 0);
    const borrowed: [number, number][] = [];
    const pick = this.pick;
    while (households < lim.minHouseholds) {
      pick.reset();
      this.centreOf(region);
      const seenStamp = ++this.stamp;
      for (const r of region) {
        for (const j of c.neighbours[r]!) {
          if (c.managed[j] || this.mark[j] === stamp || this.seen[j] === seenStamp) continue;
          this.seen[j] = seenStamp;
          const total = households + c.households[j]!;
          if (total > lim.maxHouseholds || region.length + 1 > lim.maxCompounds) continue;
          const b = this.bundleOf[j]!;
          if (b !== -1 && !this.canGive(b, j)) continue;
          // free compounds first (they add coverage), then the least overshoot, then the nearest
          pick.offer(
            j,
            b === -1 ? 0 : 1,
            total >= lim.minHouseholds ? total : Infinity,
            this.distanceToCentre(j),
          );
        }
      }
      const best = pick.index;
      if (best < 0) break;
      const b = this.bundleOf[best]!;
      if (b !== -1) {
        this.remove(b, best);
        borrowed.push([b, best]);
      }
      region.push(best);
      this.mark[best] = stamp;
      households += c.households[best]!;
    }
    if (households >= lim.minHouseholds) return true;
    for (let k = borrowed.length - 1; k >= 0; k--) this.add(borrowed[k]![0], borrowed[k]![1]);
    region.length = initial;
    return false;
  }

  /**
   * Where the maxima bind, a leftover takes the place of a smaller member of a neighbouring
   * bundle, with whatever hung on that member only through it: more households covered each
   * time, so this ends. What drops out is free for the next repairs.
   */
  swapInLeftovers(): boolean {
    const { c, lim } = this;
    let any = false;
    for (let u = 0; u < c.ids.length; u++) {
      if (c.managed[u] || this.bundleOf[u] !== -1) continue;
      let best: { b: number; kept: number[] } | null = null;
      let bestGain = 0;
      const tried = new Set<number>();
      for (const j of c.neighbours[u]!) {
        const b = this.bundleOf[j]!;
        if (b === -1 || tried.has(b)) continue;
        tried.add(b);
        const bundle = this.bundles[b]!;
        for (const v of bundle.members) {
          if (v === bundle.anchor || c.households[u]! <= c.households[v]!) continue;
          const candidates = [...bundle.members.filter((m) => m !== v), u];
          const kept = this.reachable(candidates, bundle.anchor >= 0 ? bundle.anchor : u);
          if (!kept.includes(u)) continue;
          const households = kept.reduce((sum, m) => sum + c.households[m]!, 0);
          const gain = households - bundle.households;
          if (gain <= bestGain || households > lim.maxHouseholds) continue;
          best = { b, kept };
          bestGain = gain;
        }
      }
      if (best === null) continue;
      for (const m of [...this.bundles[best.b]!.members]) this.remove(best.b, m);
      for (const m of best.kept) this.add(best.b, m);
      any = true;
    }
    return any;
  }

  // the members of `candidates` connected to `from` through candidates
  private reachable(candidates: readonly number[], from: number): number[] {
    const stamp = ++this.stamp;
    for (const v of candidates) this.mark[v] = stamp;
    const reached = ++this.stamp;
    const found = [from];
    this.mark[from] = reached;
    for (let k = 0; k < found.length; k++) {
      for (const j of this.c.neighbours[found[k]!]!) {
        if (this.mark[j] !== stamp) continue;
        this.mark[j] = reached;
        found.push(j);
      }
    }
    return found;
  }

  /** Splits any bundle into two that both stay viable and connected. */
  splitBundles(): boolean {
    const { c, lim } = this;
    let any = false;
    for (let b = 0; b < this.bundles.length; b++) {
      const bundle = this.bundles[b]!;
      if (!bundle.alive) continue;
      const unmanaged = bundle.households - (bundle.anchor >= 0 ? c.households[bundle.anchor]! : 0);
      const needed = bundle.anchor >= 0 ? lim.minHouseholds : 2 * lim.minHouseholds;
      if (unmanaged < needed || bundle.members.length < 2) continue;
      const within = this.markAll(bundle.members);
      const seeds = bundle.members
        .filter((v) => v !== bundle.anchor)
        .map((v) => [this.degreeWithin(v, within), v] as const)
        .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      for (const [, seed] of seeds) {
        // isConnected below re-marks, so mark the members afresh for every seed
        const part = this.growWithin(seed, this.markAll(bundle.members), bundle.anchor);
        if (part === null) continue;
        const rest = bundle.members.filter((v) => !part.includes(v));
        const restHouseholds = rest.reduce((sum, v) => sum + c.households[v]!, 0);
        const restViable =
          bundle.anchor >= 0 ? rest.length >= 2 : restHouseholds >= lim.minHouseholds;
        if (!restViable || !this.isConnected(rest)) continue;
        for (const v of part) this.remove(b, v);
        this.open(part, -1);
        any = true;
        b--; // try the smaller remainder again
        break;
      }
    }
    return any;
  }

  /**
   * Re-solves every two neighbouring bundles together (max-p's merge-and-split): kept when the
   * pair's compounds stay covered and fall into more bundles. Repeats until nothing improves.
   */
  improvePairs(): void {
    const { c, lim } = this;
    for (let improved = true; improved;) {
      improved = false;
      for (let a = 0; a < this.bundles.length; a++) {
        if (!this.bundles[a]!.alive) continue;
        const partners = new Set<number>();
        for (const v of this.bundles[a]!.members) {
          for (const j of c.neighbours[v]!) {
            const b = this.bundleOf[j]!;
            if (b > a) partners.add(b);
          }
        }
        for (const b of [...partners].sort((p, q) => p - q)) {
          if (!this.bundles[b]!.alive) continue;
          // the pair, plus the unused anchors and free compounds next to it
          const pair = [...this.bundles[a]!.members, ...this.bundles[b]!.members];
          const extra = new Set<number>();
          for (const v of pair) {
            for (const j of c.neighbours[v]!) if (this.bundleOf[j] === -1) extra.add(j);
          }
          const union = [...pair, ...extra].sort((p, q) => p - q);
          if (!this.mayImprove(union, extra)) continue;
          const local = new Map(union.map((v, k) => [v, k]));
          const sub: ComponentInput = {
            ids: union.map((v) => c.ids[v]!),
            households: union.map((v) => c.households[v]!),
            managed: union.map((v) => c.managed[v]!),
            xs: union.map((v) => c.xs[v]!),
            ys: union.map((v) => c.ys[v]!),
            neighbours: union.map((v) =>
              c.neighbours[v]!.filter((j) => local.has(j)).map((j) => local.get(j)!),
            ),
          };
          const plan = searchBest(sub, lim, PAIR_RESTARTS);
          if (plan === null) continue;
          const score = plan.score();
          const covered = [a, b].reduce((sum, k) => {
            const { households, anchor } = this.bundles[k]!;
            return sum + households - (anchor >= 0 ? c.households[anchor]! : 0);
          }, 0);
          if (score.covered < covered || (score.covered === covered && score.count <= 2)) continue;
          for (const v of [...this.bundles[a]!.members]) this.remove(a, v);
          for (const v of [...this.bundles[b]!.members]) this.remove(b, v);
          for (const bundle of plan.toBundles()) {
            this.open(
              bundle.members.map((k) => union[k]!),
              bundle.anchor >= 0 ? union[bundle.anchor]! : -1,
            );
          }
          improved = true;
          break; // bundle a is gone
        }
      }
    }
  }

  // cheap bound: bundles in `union` ≤ anchors + unmanaged households / minimum; without a free
  // compound to cover, a re-solve can only win by beating the pair's 2 bundles
  private mayImprove(union: readonly number[], extra: ReadonlySet<number>): boolean {
    const { c, lim } = this;
    let anchors = 0;
    let unmanaged = 0;
    let households = 0;
    for (const v of union) {
      if (c.managed[v]) anchors++;
      else {
        unmanaged++;
        households += c.households[v]!;
      }
    }
    for (const v of extra) if (!c.managed[v]) return true;
    const byMinimum =
      lim.minHouseholds > 0 ? Math.floor(households / lim.minHouseholds) : unmanaged;
    return Math.min(unmanaged, anchors + byMinimum) > 2;
  }

  /** Boundary moves between neighbouring bundles while the sum of distances to centres drops. */
  compact(): void {
    const { c } = this;
    for (let pass = 0; pass < COMPACTNESS_PASSES; pass++) {
      let improved = false;
      for (let v = 0; v < c.ids.length; v++) {
        const from = this.bundleOf[v]!;
        if (from === -1 || c.managed[v] || !this.canGive(from, v)) continue;
        const fromMembers = this.bundles[from]!.members;
        const before = this.spread(fromMembers);
        const after = this.spread(fromMembers.filter((m) => m !== v));
        let best = -1;
        let bestGain = -EPSILON_M;
        for (const j of c.neighbours[v]!) {
          const to = this.bundleOf[j]!;
          if (to === -1 || to === from || to === best || !this.fits(to, v)) continue;
          const toMembers = this.bundles[to]!.members;
          const gain = after + this.spread([...toMembers, v]) - before - this.spread(toMembers);
          if (gain < bestGain) {
            bestGain = gain;
            best = to;
          }
        }
        if (best >= 0) {
          this.remove(from, v);
          this.add(best, v);
          improved = true;
        }
      }
      if (!improved) return;
    }
  }

  private growRegion(seed: number, rule: GrowRule): number[] | null {
    const { c, lim } = this;
    const stamp = ++this.stamp;
    const region = [seed];
    this.mark[seed] = stamp;
    let households = c.households[seed]!;
    const pick = this.pick;
    while (households < lim.minHouseholds) {
      if (region.length >= lim.maxCompounds) return null;
      const r = rule === 'random' ? GROW_RULES[Math.floor(this.rng() * GROW_RULES.length)]! : rule;
      pick.reset();
      this.centreOf(region);
      const seenStamp = ++this.stamp;
      for (const m of region) {
        for (const j of c.neighbours[m]!) {
          if (c.managed[j] || this.bundleOf[j] !== -1 || this.mark[j] === stamp) continue;
          if (this.seen[j] === seenStamp) continue;
          this.seen[j] = seenStamp;
          const total = households + c.households[j]!;
          if (total > lim.maxHouseholds) continue;
          const distance = this.distanceToCentre(j);
          if (c.households[j]! >= lim.minHouseholds) {
            // a compound viable alone is better its own bundle: take it only when nothing else fits
            pick.offer(j, 2, total, distance);
          } else if (total >= lim.minHouseholds) {
            // reaching the minimum with the least overshoot leaves the most for other bundles
            pick.offer(j, 0, total, distance);
          } else {
            const noise = rule === 'random' ? this.rng() * 50 : 0;
            if (r === 'constrained') pick.offer(j, 1, this.freeDegree(j, stamp), distance + noise);
            else if (r === 'nearest') pick.offer(j, 1, distance + noise, j);
            else pick.offer(j, 1, -c.households[j]!, distance + noise);
          }
        }
      }
      const best = pick.index;
      if (best < 0) return null;
      region.push(best);
      this.mark[best] = stamp;
      households += c.households[best]!;
    }
    return region;
  }

  // a viable unmanaged part of a bundle (marked `within`), grown from seed; null if none
  private growWithin(seed: number, within: number, anchor: number): number[] | null {
    const { c, lim } = this;
    const part = [seed];
    const inPart = new Set(part);
    let households = c.households[seed]!;
    const pick = this.pick;
    while (households < lim.minHouseholds) {
      pick.reset();
      this.centreOf(part);
      for (const m of part) {
        for (const j of c.neighbours[m]!) {
          if (this.mark[j] !== within || j === anchor || inPart.has(j)) continue;
          const total = households + c.households[j]!;
          const distance = this.distanceToCentre(j);
          if (total >= lim.minHouseholds) pick.offer(j, 0, total, distance);
          else pick.offer(j, 1, distance, j);
        }
      }
      const best = pick.index;
      if (best < 0) return null;
      part.push(best);
      inPart.add(best);
      households += c.households[best]!;
    }
    return part;
  }

  private open(members: number[], anchor: number): void {
    const index = this.bundles.length;
    let households = 0;
    for (const v of members) {
      this.bundleOf[v] = index;
      households += this.c.households[v]!;
    }
    this.bundles.push({ members: [...members], anchor, households, alive: true });
  }

  private add(b: number, v: number): void {
    const bundle = this.bundles[b]!;
    bundle.members.push(v);
    bundle.households += this.c.households[v]!;
    bundle.alive = true;
    this.bundleOf[v] = b;
  }

  private remove(b: number, v: number): void {
    const bundle = this.bundles[b]!;
    bundle.members.splice(bundle.members.indexOf(v), 1);
    bundle.households -= this.c.households[v]!;
    if (bundle.members.length === 0) bundle.alive = false;
    this.bundleOf[v] = -1;
  }

  private fits(b: number, v: number): boolean {
    const bundle = this.bundles[b]!;
    return (
      bundle.members.length + 1 <= this.lim.maxCompounds &&
      bundle.households + this.c.households[v]! <= this.lim.maxHouseholds
    );
  }

  // v may leave bundle b: b stays connected, viable, and an anchored one keeps an unmanaged member
  private canGive(b: number, v: number): boolean {
    const bundle = this.bundles[b]!;
    if (v === bundle.anchor) return false;
    if (bundle.anchor >= 0) {
      if (bundle.members.length < 3) return false;
    } else if (bundle.households - this.c.households[v]! < this.lim.minHouseholds) {
      return false;
    }
    return this.isConnected(bundle.members.filter((m) => m !== v));
  }

  private markAll(members: readonly number[]): number {
    const stamp = ++this.stamp;
    for (const v of members) this.mark[v] = stamp;
    return stamp;
  }

  private isConnected(members: readonly number[]): boolean {
    if (members.length <= 1) return true;
    const stamp = ++this.stamp;
    for (const v of members) this.mark[v] = stamp;
    const reached = ++this.stamp;
    const stack = [members[0]!];
    this.mark[members[0]!] = reached;
    let count = 1;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const j of this.c.neighbours[v]!) {
        if (this.mark[j] !== stamp) continue;
        this.mark[j] = reached;
        count++;
        stack.push(j);
      }
    }
    return count === members.length;
  }

  // free unmanaged neighbours of v outside the region marked `exclude`
  private freeDegree(v: number, exclude: number): number {
    let d = 0;
    for (const j of this.c.neighbours[v]!) {
      if (!this.c.managed[j] && this.bundleOf[j] === -1 && this.mark[j] !== exclude) d++;
    }
    return d;
  }

  private degreeWithin(v: number, within: number): number {
    let d = 0;
    for (const j of this.c.neighbours[v]!) if (this.mark[j] === within) d++;
    return d;
  }

  // sets the centre distanceToCentre measures from
  private centreOf(members: readonly number[]): void {
    let x = 0;
    let y = 0;
    for (const m of members) {
      x += this.c.xs[m]!;
      y += this.c.ys[m]!;
    }
    this.cx = x / members.length;
    this.cy = y / members.length;
  }

  private distanceToCentre(v: number): number {
    return Math.hypot(this.c.xs[v]! - this.cx, this.c.ys[v]! - this.cy);
  }

  private spread(members: readonly number[]): number {
    let x = 0;
    let y = 0;
    for (const m of members) {
      x += this.c.xs[m]!;
      y += this.c.ys[m]!;
    }
    x /= members.length;
    y /= members.length;
    let sum = 0;
    for (const m of members) sum += Math.hypot(this.c.xs[m]! - x, this.c.ys[m]! - y);
    return sum;
  }
}

function lessKey(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

// mulberry32: tiny, fast and good enough to shuffle seeds
function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rng: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** Keeps the candidate with the smallest (k0, k1, k2), first offered on ties; no allocation. */
class BestPick {
  index = -1;
  private k0 = Infinity;
  private k1 = Infinity;
  private k2 = Infinity;

  reset(): void {
    this.index = -1;
    this.k0 = Infinity;
    this.k1 = Infinity;
    this.k2 = Infinity;
  }

  offer(index: number, k0: number, k1: number, k2: number): void {
    if (k0 > this.k0 || (k0 === this.k0 && (k1 > this.k1 || (k1 === this.k1 && k2 >= this.k2)))) {
      return;
    }
    this.index = index;
    this.k0 = k0;
    this.k1 = k1;
    this.k2 = k2;
  }
}

/** Min-heap of (key, a, b) triples, ties broken by a then b so pops are deterministic. */
class TripleHeap {
  private readonly items: [number, number, number][] = [];

  get size(): number {
    return this.items.length;
  }

  push(key: number, a: number, b: number): void {
    const items = this.items;
    items.push([key, a, b]);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!lessKey(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): [number, number, number] {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && lessKey(items[l]!, items[m]!)) m = l;
        if (r < items.length && lessKey(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}
