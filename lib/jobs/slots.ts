/**
 * A small in-process cap on concurrent background work. Work that does not get a slot is
 * not lost: it stays stored (pending) and the sweep picks it up, so a burst of webhooks
 * cannot pile unbounded processing (and memory) onto the process answering them.
 */
export function createSlots(max: number) {
  let used = 0;
  return {
    tryRun(work: () => Promise<unknown>): boolean {
      if (used >= max) return false;
      used += 1;
      void work().finally(() => {
        used -= 1;
      });
      return true;
    },
    get inUse() {
      return used;
    },
  };
}
