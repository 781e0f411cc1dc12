/**
 * Snapshot names. A name is a pure function of (template, rule, target, slot),
 * so a retried or reconciled run finds its own snapshot by name. Every name
 * starts with the ownership prefix `volsnap-` and uses only characters all
 * providers accept (ASCII letters, digits, `-`, `_`, `.`), within the shortest
 * provider limit.
 *
 * Placeholders: {volume} (target name), {rule} (rule name), {date} (YYYYMMDD),
 * {time} (HHMM), {datetime} (YYYYMMDD-HHMM), all in the rule's zone, and {utc}
 * (YYYYMMDDTHHMMSSZ). A template without {utc}, {datetime} or {date}+{time}
 * gets `-{utc}` appended so two slots never share a name.
 */
import { NAME_PREFIX } from '../../shared/snapshot-names';
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { wallTimeOf, zoneOf } from './zone';

/** Conservative across providers (labels and several name fields stop at 63). */
export const MAX_NAME_LENGTH = 63;
/** Each free-text placeholder is shortened so the time stamp always fits. */
const MAX_PART_LENGTH = 24;

const placeholders = ['volume', 'rule', 'date', 'time', 'datetime', 'utc'] as const;

export interface NameInput {
  template: string;
  targetName: string;
  ruleName: string;
  timeZone: string;
  slot: Date;
}

/** Keeps the characters every provider accepts; runs of anything else become one `-`. */
export function sanitizeNamePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-');
}

/** Throws invalid_input (field nameTemplate) for an unknown placeholder. */
export function validateTemplate(template: string): void {
  for (const match of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(placeholders as readonly string[]).includes(match[1]!)) {
      throw new AppError(
        'invalid_input',
        `The name template uses {${match[1]}}, which volsnap does not know. Use ${placeholders.map((p) => `{${p}}`).join(', ')}.`,
        {
          fields: [{ path: 'nameTemplate', message: `Unknown placeholder {${match[1]}}` }],
        },
      );
    }
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function snapshotName(input: NameInput): string {
  return snapshotNamer(input)(input.targetName);
}

/**
 * The names of one rule's slot, one per target: the template, zone and slot
 * are worked out once (a slot of 1,000 targets would otherwise redo them
 * 1,000 times before its first create).
 */
export function snapshotNamer(input: Omit<NameInput, 'targetName'>): (targetName: string) => string {
  validateTemplate(input.template);
  const zone = zoneOf(input.timeZone);
  const w = wallTimeOf(input.slot.getTime(), zone);
  const date = `${w.year}${pad(w.month)}${pad(w.day)}`;
  const time = `${pad(w.hour)}${pad(w.minute)}`;
  const utc = input.slot
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const rule =
    sanitizeNamePart(input.ruleName)
      .slice(0, MAX_PART_LENGTH)
      .replace(/^[-.]+|[-.]+$/g, '') || 'rule';
  return (targetName) =>
    nameFrom(input.template, {
      volume:
        sanitizeNamePart(targetName)
          .slice(0, MAX_PART_LENGTH)
          .replace(/^[-.]+|[-.]+$/g, '') || 'target',
      rule,
      date,
      time,
      datetime: `${date}-${time}`,
      utc,
    });
}

function nameFrom(rawTemplate: string, values: Record<(typeof placeholders)[number], string>): string {
  let template = rawTemplate.trim();
  const unique =
    template.includes('{utc}') ||
    template.includes('{datetime}') ||
    (template.includes('{date}') && template.includes('{time}'));
  if (!unique) template += '-{utc}';
  let name = sanitizeNamePart(template.replace(/\{(\w+)\}/g, (_, key: (typeof placeholders)[number]) => values[key]));
  name = name.replace(/^[-._]+/, '');
  if (!name.startsWith(NAME_PREFIX)) name = NAME_PREFIX + name;
  name = name.replace(/[-._]+$/, '');
  if (name.length > MAX_NAME_LENGTH) {
    // Still deterministic and still distinct: cut, then add a short hash of the full name.
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
    name = `${name.slice(0, MAX_NAME_LENGTH - 9).replace(/[-._]+$/, '')}-${hash}`;
  }
  return name;
}

/** The key written as a tag/label on each snapshot: ties it to one rule of one volsnap installation. */
export function ruleKeyOf(ruleId: number, installId: string): string {
  return `r${ruleId}-${installId}`;
}

export { DEFAULT_NAME_TEMPLATE } from '../../shared/snapshot-names';
