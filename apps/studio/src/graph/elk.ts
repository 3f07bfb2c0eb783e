import ELK from 'elkjs/lib/elk-api.js';
import ElkWorker from 'elkjs/lib/elk-worker.min.js?worker';

/**
 * The studio's ELK: the layout runs in a web worker, so laying out 500 steps never freezes the
 * page. Node code (tests, `examples/build-examples.ts`) uses `elkjs/lib/elk.bundled.js` in-process.
 */
export const elk = new ELK({ workerFactory: () => new ElkWorker() });
