/**
 * Chromium's frame tree for one page, as the DevTools protocol reports it:
 * which frame each JavaScript context belongs to and each frame's committed
 * URL (with its fragment), so ipcMain's event.senderFrame is the real frame.
 */
import type { CDPSession } from '@playwright/test';
import type { SenderFrame } from './ipc-main';

interface FrameInfo {
  url: string;
  parentId: string | null;
  name: string;
  detached: boolean;
}

export interface FrameTable {
  frameOfContext(contextId: number): SenderFrame | null;
  isMain(frameId: string): boolean;
  mainUrl(): string;
}

export function trackFrames(cdp: CDPSession): FrameTable {
  const frames = new Map<string, FrameInfo>();
  const contexts = new Map<number, string>();
  let mainId: string | null = null;

  cdp.on('Page.frameNavigated', ({ frame }) => {
    frames.set(frame.id, {
      url: frame.url + (frame.urlFragment ?? ''),
      parentId: frame.parentId ?? null,
      name: frame.name ?? '',
      detached: false,
    });
    if (!frame.parentId) mainId = frame.id;
  });
  cdp.on('Page.navigatedWithinDocument', ({ frameId, url }) => {
    const info = frames.get(frameId);
    if (info) info.url = url;
  });
  cdp.on('Page.frameDetached', ({ frameId }) => {
    const info = frames.get(frameId);
    if (info) info.detached = true;
  });
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = context.auxData as { frameId?: string } | undefined;
    if (aux?.frameId) contexts.set(context.id, aux.frameId);
  });

  const view = (frameId: string | null): SenderFrame | null => {
    const info = frameId ? frames.get(frameId) : undefined;
    if (!info || !frameId) return null;
    const parent = view(info.parentId);
    const frame: SenderFrame = {
      url: info.url,
      origin: originOf(info.url),
      name: info.name,
      parent,
      top: null,
      isDestroyed: () => info.detached,
    };
    frame.top = parent ? parent.top : frame;
    return frame;
  };

  return {
    frameOfContext: (contextId) => view(contexts.get(contextId) ?? null),
    isMain: (frameId) => frameId === mainId,
    mainUrl: () => (mainId ? (frames.get(mainId)?.url ?? '') : ''),
  };
}

function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    // WHATWG gives "null" for file:; Electron's WebFrameMain.origin says "file://".
    return origin === 'null' && url.startsWith('file:') ? 'file://' : origin;
  } catch {
    return 'null';
  }
}
