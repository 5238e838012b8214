import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PriorityQueue } from '../../../src/main/worker/priorityQueue';

interface Item {
  rank: number;
  sequence: number;
}

describe('PriorityQueue', () => {
  it('pops in (rank, sequence) order, matching a sort of the same items', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 200 }), (ranks) => {
        const items: Item[] = ranks.map((rank, sequence) => ({ rank, sequence }));
        const queue = new PriorityQueue<Item>();
        for (const item of items) queue.push(item);
        const expected = [...items].sort((a, b) => a.rank - b.rank || a.sequence - b.sequence);
        expect(queue.drain()).toEqual(expected);
      }),
    );
  });

  it('removes an item from the middle and keeps the order of the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 100 }), fc.nat(), (ranks, pick) => {
        const items: Item[] = ranks.map((rank, sequence) => ({ rank, sequence }));
        const queue = new PriorityQueue<Item>();
        for (const item of items) queue.push(item);
        const victim = items[pick % items.length];
        expect(queue.remove(victim)).toBe(true);
        expect(queue.remove(victim)).toBe(false);
        const expected = items.filter((item) => item !== victim).sort((a, b) => a.rank - b.rank || a.sequence - b.sequence);
        expect(queue.drain()).toEqual(expected);
      }),
    );
  });
});
