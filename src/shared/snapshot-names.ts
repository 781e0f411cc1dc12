/**
 * Facts about the names volsnap gives snapshots, shared by the engine (which
 * makes names), the providers (which prove ownership by them) and the rule
 * editor (which proposes a template).
 */

/** Every snapshot volsnap makes starts with this; retention never touches a name without it. */
export const NAME_PREFIX = 'volsnap-';

/** The template a new rule starts with. */
export const DEFAULT_NAME_TEMPLATE = 'volsnap-{volume}-{utc}';
