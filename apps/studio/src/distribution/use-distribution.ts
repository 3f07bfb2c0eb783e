import type { Workflow } from '@qualify/rules';
import { useEffect, useMemo, useState } from 'react';
import type { Version } from '../api/types.ts';
import { useTemplates } from '../api/use-templates.ts';
import { runtime } from '../api/workflows.ts';
import { useStudio } from '../store/studio-store.ts';
import { type FileSample, fileSample } from './file-sample.ts';
import { type Sample, sampleOf } from './sample.ts';
import { type Distribution, distributionOf, type NotEvaluated } from './tally.ts';

/** How long the draft must rest before it is evaluated again: typing "25" counts once, not twice. */
const SETTLE_MS = 250;

const NONE: Sample = { leads: [], source: '' };

/** Live versions by `<workflow id>:<version>`: a version never changes, so it is read once a page load. */
const versions = new Map<string, Promise<Version>>();

function useLiveDoc(): Workflow | null {
  const id = useStudio((s) => s.meta?.id);
  const live = useStudio((s) => s.meta?.liveVersion ?? null);
  const [doc, setDoc] = useState<{ key: string; doc: Workflow } | null>(null);
  const key = id && live != null ? `${id}:${live}` : null;
  useEffect(() => {
    if (!id || live == null || !key) return;
    let current = true;
    if (!versions.has(key)) versions.set(key, runtime.version(id, live));
    versions.get(key)!.then(
      (v) => current && setDoc({ key, doc: v.workflow }),
      () => versions.delete(key),
    );
    return () => {
      current = false;
    };
  }, [id, live, key]);
  return doc && doc.key === key ? doc.doc : null;
}

/** Which leads the distribution counts: the draft's test cases and sample leads, or the last backtest file's rows. */
export type DistributionSource = 'sample' | 'file';

export interface DistributionState {
  sample: Sample;
  /** The last backtest file, when it is the source: its state while it is read, or why there is none. */
  file: Exclude<FileSample, { status: 'done' }> | null;
  draft: Distribution | NotEvaluated | null;
  /** The live version over the same sample; null without one (or while it loads). */
  live: Distribution | NotEvaluated | null;
  /** The draft changed and is not counted yet. */
  pending: boolean;
}

/**
 * How the draft's scores and routes fall over the sample, counted in the browser once the draft rests
 * (compiled once per change), beside the live version's for comparison.
 */
export function useDistribution(source: DistributionSource = 'sample'): DistributionState {
  const doc = useStudio((s) => s.doc);
  const backtest = useStudio((s) => s.backtest);
  const { templates } = useTemplates();
  const [settled, setSettled] = useState(doc);
  useEffect(() => {
    if (doc === settled) return;
    const t = setTimeout(() => setSettled(doc), SETTLE_MS);
    return () => clearTimeout(t);
  }, [doc, settled]);
  const cases = settled?.testCases;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the sample is the draft's cases (and templates), not every edit
  const own = useMemo(
    () => (settled ? sampleOf(settled, templates) : { leads: [], source: '' }),
    [cases, templates, settled?.id],
  );
  const { file: f, header, mapping, timeMode, timeColumn, asOfText, dates, rows } = backtest;
  const fields = settled?.fields;
  const read = useMemo(
    () =>
      source === 'file' && fields
        ? fileSample({ file: f, header, mapping, timeMode, timeColumn, asOfText, dates, rows }, fields)
        : null,
    [source, fields, f, header, mapping, timeMode, timeColumn, asOfText, dates, rows],
  );
  const sample: Sample = read === null ? own : read.status === 'done' ? read : NONE;
  const draft = useMemo(
    () => (settled && sample.leads.length ? distributionOf(settled, sample.leads) : null),
    [settled, sample],
  );
  const liveDoc = useLiveDoc();
  const live = useMemo(
    () => (liveDoc && sample.leads.length ? distributionOf(liveDoc, sample.leads) : null),
    [liveDoc, sample],
  );
  return { sample, file: read?.status === 'done' ? null : read, draft, live, pending: doc !== settled };
}
