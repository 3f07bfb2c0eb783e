export {
  type DateColumn,
  dateColumns,
  EVALUATED_AT_NAMES,
  formatAsOf,
  type LatestDate,
  LatestDates,
  latestDate,
  readTimeCell,
  suggestEvaluatedAtColumn,
} from './as-of.ts';
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
  type RowLead,
  rowToLead,
  suggestMapping,
  withOwnPaths,
} from './columns.ts';
export type { RouteTally, ScoreBand, Tally, VersionMetrics } from './metrics.ts';
export { type SweepPoint, type SweepTarget, sweepThreshold, ThresholdSweep } from './sweep.ts';
