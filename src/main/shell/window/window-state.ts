/**
 * Where the window reopens: its last bounds if they are still on a screen
 * (monitors get unplugged), otherwise the default size, centred.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedBounds extends Rect {
  maximized: boolean;
}

export const defaultSize = { width: 1100, height: 720 };
export const minimumSize = { width: 800, height: 600 };

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function restoreBounds(
  saved: unknown,
  workAreas: Rect[],
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  const s = saved as Partial<SavedBounds> | undefined;
  if (!s || !isNumber(s.x) || !isNumber(s.y) || !isNumber(s.width) || !isNumber(s.height))
    return { bounds: { ...defaultSize }, maximized: false };
  const rect = {
    x: s.x,
    y: s.y,
    width: Math.max(s.width, minimumSize.width),
    height: Math.max(s.height, minimumSize.height),
  };
  const area = workAreas.find((a) => overlap(rect, a) >= Math.min(rect.width * rect.height, 200 * 100) / 2);
  if (!area) return { bounds: { ...defaultSize }, maximized: false };
  const width = Math.min(rect.width, area.width);
  const height = Math.min(rect.height, area.height);
  const x = Math.min(Math.max(rect.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(rect.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: s.maximized === true };
}
