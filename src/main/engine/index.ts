/** The snapshot engine's public surface. */
export { Engine, type EngineOptions } from './engine';
export { EngineEvent, type EngineEventType } from './events';
export { defaultTuning, type EngineTuning } from './run';
export { nodeScheduleAlarm, type SetAlarm, type Alarm } from './alarm';
