export {
  Backtest,
  type BacktestOptions,
  type BacktestResult,
  type BacktestRow,
  type RouteChange,
} from './backtest.ts';
export {
  CONVERTED_WORDS,
  type ColumnMapping,
  compileMapping,
  headerKey,
  isConverted,
  rowToLead,
  suggestMapping,
} from './columns.ts';
export type { RouteTally, ScoreBand, Tally, VersionMetrics } from './metrics.ts';
export { type SweepPoint, type SweepTarget, sweepThreshold, ThresholdSweep } from './sweep.ts';
