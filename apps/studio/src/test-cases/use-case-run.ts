import { runTestCases, type TestRun, type Workflow } from '@qualify/rules';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client.ts';

const DELAY_MS = 200;

export type CaseRunState =
  | { status: 'idle' }
  | { status: 'done'; run: TestRun; doc: Workflow; at: number }
  | { status: 'error'; message: string };

/**
 * Runs the draft's test cases in the browser with the rules' own runner (the one the runtime's publish
 * gate uses), shortly after every edit, so a change that breaks a case shows at once. `rerun` runs again.
 */
export function useCaseRun(doc: Workflow | null): { state: CaseRunState; rerun: () => void } {
  const [state, setState] = useState<CaseRunState>({ status: 'idle' });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick asks for a run of the same draft
  useEffect(() => {
    if (!doc) return;
    const t = setTimeout(() => {
      try {
        setState({ status: 'done', run: runTestCases(doc), doc, at: Date.now() });
      } catch (err) {
        setState({ status: 'error', message: errorMessage(err) });
      }
    }, DELAY_MS);
    return () => clearTimeout(t);
  }, [doc, tick]);
  return { state, rerun: () => setTick((t) => t + 1) };
}
