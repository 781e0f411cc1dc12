/** The snapshot engine's public surface. */
export { Engine, type EngineOptions } from './engine';
export { ActivityType, type ActivityTypeName } from '../../shared/activity-types';
export { defaultTuning, type EngineTuning } from './run';
export { nodeScheduleAlarm, type SetAlarm, type Alarm } from './alarm';
