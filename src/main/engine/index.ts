/** The snapshot engine's public surface. */
export { Engine, type EngineOptions } from './engine';
export { defaultTuning, EngineStopped, type EngineTuning, type Sleep } from './run/tuning';
export { nodeScheduleAlarm, type SetAlarm, type Alarm } from './alarm';
