/**
 * In-page timing. A keystroke costs the time from its keydown (the event's own timestamp) to
 * the end of the next frame: a requestAnimationFrame callback, then a message posted from it,
 * which runs once that frame's style, layout and paint are done. An "open" costs the time
 * from the click to the end of the first frame in which `isOpen()` holds.
 */
type Probe = {
  measuring: boolean;
  samples: number[];
  nextSample(count: number): Promise<number>;
  armOpen(): void;
  opened: Promise<number> | null;
};

const afterNextFrame = (callback: () => void) =>
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = callback;
    channel.port2.postMessage(null);
  });

export function installProbe(isOpen: () => boolean): Probe {
  let waiters: Array<() => void> = [];
  const probe: Probe = {
    measuring: false,
    samples: [],
    nextSample(count) {
      return new Promise((resolve) => {
        const check = () => (probe.samples.length > count ? resolve(probe.samples[count]) : waiters.push(check));
        check();
      });
    },
    armOpen() {
      probe.opened = new Promise((resolve) => {
        window.addEventListener(
          'click',
          (event) => {
            const start = event.timeStamp;
            const frame = () =>
              requestAnimationFrame(() => {
                if (!isOpen()) return frame();
                const channel = new MessageChannel();
                channel.port1.onmessage = () => resolve(performance.now() - start);
                channel.port2.postMessage(null);
              });
            frame();
          },
          { capture: true, once: true },
        );
      });
    },
    opened: null,
  };
  window.addEventListener(
    'keydown',
    (event) => {
      if (!probe.measuring) return;
      const start = event.timeStamp;
      afterNextFrame(() => {
        probe.samples.push(performance.now() - start);
        const pending = waiters;
        waiters = [];
        pending.forEach((check) => check());
      });
    },
    { capture: true },
  );
  (window as unknown as { probe: Probe }).probe = probe;
  return probe;
}
