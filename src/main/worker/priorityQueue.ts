/**
 * Binary min-heap ordered by (rank, sequence): lower rank first, then first in first out. Sequence numbers are
 * unique, so the order is total and deterministic.
 */
export interface Prioritised {
  rank: number;
  sequence: number;
}

export class PriorityQueue<T extends Prioritised> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    const heap = this.heap;
    heap.push(item);
    this.siftUp(heap.length - 1);
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Removes one item (e.g. a cancelled job); O(n) search, O(log n) repair. */
  remove(item: T): boolean {
    const heap = this.heap;
    const i = heap.indexOf(item);
    if (i < 0) return false;
    const last = heap.pop() as T;
    if (i < heap.length) {
      heap[i] = last;
      this.siftDown(i);
      this.siftUp(i);
    }
    return true;
  }

  /** Empties the queue, returning its items in priority order. */
  drain(): T[] {
    const items: T[] = [];
    for (let item = this.pop(); item !== undefined; item = this.pop()) items.push(item);
    return items;
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
  }
}

function before(a: Prioritised, b: Prioritised): boolean {
  return a.rank !== b.rank ? a.rank < b.rank : a.sequence < b.sequence;
}
