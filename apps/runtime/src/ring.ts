/** A fixed-capacity buffer that forgets its oldest item when full. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.items = new Array(capacity);
  }

  /** Adds an item; returns the one it pushed out, if any. */
  push(item: T): T | undefined {
    if (this.capacity === 0) return item;
    if (this.size < this.capacity) {
      this.items[(this.start + this.size++) % this.capacity] = item;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  oldest(): T | undefined {
    return this.size ? this.items[this.start] : undefined;
  }

  /** Keeps only the items `keep` accepts, in order; answers how many were dropped. */
  retain(keep: (item: T) => boolean): number {
    const kept = [...this.newestFirst()].filter(keep).reverse();
    const dropped = this.size - kept.length;
    if (dropped === 0) return 0;
    this.items.fill(undefined);
    this.start = 0;
    this.size = 0;
    for (const item of kept) this.push(item);
    return dropped;
  }

  *newestFirst(): Generator<T> {
    for (let i = this.size - 1; i >= 0; i--) yield this.items[(this.start + i) % this.capacity]!;
  }
}
