/**
 * The part of the rules core the hand-off store's worker thread needs: working hours and the stage
 * order. A subpath of its own (`@qualify/rules/handoff`), so the worker loads these few modules
 * rather than the whole package (compiler, validation, evaluation) at start.
 */

export { nextStage, STAGE_LADDER, stageOf, stageRank } from '../model/stage-order.ts';
export { STAGES, type Stage } from '../model/stages.ts';
export {
  addWorkingHours,
  describeSchedule,
  isDayOff,
  localDay,
  type Schedule,
  ScheduleSchema,
  WEEKDAYS,
  workingHoursBetween,
} from './schedule.ts';
