// The worker's entry: plain JavaScript so Node can start it anywhere (tsx, vitest, node), then the
// TypeScript worker through tsx's loader, registered in this thread.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
