/**
 * A window's webContents over one Chromium page and its own DevTools session:
 * loads the page, runs the preload the way page/preload-host.js describes,
 * carries IPC both ways, and applies the navigation, window.open and request
 * rules that the app set (will-navigate, setWindowOpenHandler, session).
 */
import type { CDPSession, Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { cloneForIpc, decode, encode, type Tagged } from './codec';
import { emitPreventable, preventable } from './events';
import type { SenderFrame, StandinIpcMain } from './ipc-main';
import { preloadScript } from './preload-script';
import { StandinSession } from './session';
import { trackFrames, type FrameTable } from './frames';

type OpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => {
  action: 'allow' | 'deny';
};

let nextId = 1;
const all = new Set<StandinWebContents>();

export class StandinWebContents extends EventEmitter {
  static getAllWebContents(): StandinWebContents[] {
    return [...all];
  }

  readonly id = nextId++;
  readonly session = new StandinSession();
  /** Every window.open the page tried, with the handler's answer, for tests. */
  readonly windowOpens: Array<{ url: string; action: string }> = [];
  /** Every will-navigate the app saw, and whether it prevented it. */
  readonly navigations: Array<{ url: string; prevented: boolean }> = [];
  /** How many IPC messages the page sent, for tests (the renderer calls main as soon as it runs). */
  ipcCalls = 0;
  private openHandler: OpenHandler | null = null;
  private destroyed = false;
  private readonly binding = `__volsnapStandin_${randomBytes(6).toString('hex')}`;
  private readonly marker = `volsnap-standin-${randomBytes(6).toString('hex')}`;
  private receiver: { objectId: string; contextId: number } | null = null;
  private mainInitiated: string | null = null;
  private frames: FrameTable | null = null;
  private cdp: CDPSession | null = null;
  readonly ready: Promise<Page>;

  constructor(
    page: Promise<Page>,
    readonly preloadPath: string,
    private readonly ipcMain: StandinIpcMain,
  ) {
    super();
    all.add(this);
    this.ready = page.then(async (p) => (await this.attach(p), p));
    this.ready.catch(() => undefined);
  }

  private async attach(page: Page): Promise<void> {
    const cdp = (this.cdp = await page.context().newCDPSession(page));
    this.frames = trackFrames(cdp);
    cdp.on('Runtime.consoleAPICalled', (event) => {
      const [first, second] = event.args;
      if (event.type === 'debug' && first?.value === this.marker && second?.objectId)
        this.receiver = { objectId: second.objectId, contextId: event.executionContextId };
    });
    if (process.env.VOLSNAP_STANDIN_DEBUG) {
      cdp.on('Runtime.exceptionThrown', (e) => console.error('[standin page]', JSON.stringify(e.exceptionDetails)));
      cdp.on('Runtime.consoleAPICalled', (e) =>
        console.error('[standin page]', e.type, e.args.map((a) => a.value ?? a.description).join(' ')),
      );
    }
    cdp.on('Runtime.executionContextDestroyed', (event) => {
      if (this.receiver?.contextId === event.executionContextId) this.receiver = null;
    });
    cdp.on('Runtime.executionContextsCleared', () => (this.receiver = null));
    cdp.on('Runtime.bindingCalled', (event) => {
      if (event.name === this.binding) void this.fromPage(event.payload, event.executionContextId);
    });
    cdp.on('Fetch.requestPaused', (event) => void this.request(event));
    cdp.on('Page.windowOpen', (event) => this.windowOpen(event.url, event.windowName, event.windowFeatures));
    page.on('popup', (popup) => void popup.close());
    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: this.binding });
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
      source: preloadScript({ binding: this.binding, marker: this.marker, preloadPath: this.preloadPath }),
    });
    await cdp.send('Fetch.enable', {
      patterns: ['http://*', 'https://*', 'ws://*', 'wss://*'].map((urlPattern) => ({ urlPattern })),
    });
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.ready;
    // Navigations main asks for never pass through will-navigate, as in Electron.
    this.mainInitiated = url;
    try {
      await page.goto(url, { waitUntil: 'load' });
    } finally {
      this.mainInitiated = null;
    }
    this.emit('did-finish-load');
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(new URL(`file://${path}`).href);
  }

  getURL(): string {
    return this.frames?.mainUrl() ?? '';
  }

  setWindowOpenHandler(handler: OpenHandler | null): void {
    this.openHandler = handler;
  }

  /** webContents.send: cloned as Electron clones (a function throws here, in main). */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.deliver({ kind: 'event', channel, args: cloneForIpc(args) });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isLoading(): boolean {
    return false;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    all.delete(this);
    this.emit('destroyed');
    const page = await this.ready.catch(() => null);
    await page?.close().catch(() => undefined);
  }

  /** The frame as ipcMain's event shows it; null when Chromium no longer knows it. */
  private senderFrame(contextId: number): SenderFrame | null {
    return this.frames?.frameOfContext(contextId) ?? null;
  }

  private async fromPage(payload: string, contextId: number): Promise<void> {
    const message = JSON.parse(payload) as { kind: string; id?: number; channel: string; args: Tagged };
    this.ipcCalls += 1;
    const args = decode(message.args) as unknown[];
    const event = { sender: this, senderFrame: this.senderFrame(contextId), processId: 1, frameId: contextId };
    if (message.kind === 'send') {
      this.ipcMain.emit(
        message.channel,
        { ...event, reply: (ch: string, ...a: unknown[]) => this.send(ch, ...a) },
        ...args,
      );
      return;
    }
    let reply: { ok: boolean; value?: Tagged; error?: string };
    try {
      reply = { ok: true, value: encode(structuredClone(await this.ipcMain.invoke(message.channel, event, args))) };
    } catch (error) {
      reply = { ok: false, error: String(error) };
    }
    this.deliver({ kind: 'reply', id: message.id, channel: message.channel, ...reply });
  }

  private deliver(message: object): void {
    const receiver = this.receiver;
    // Like Electron, a message to a page whose preload has not run (or that is gone) is lost.
    if (!receiver || !this.cdp || this.destroyed) return;
    void this.cdp
      .send('Runtime.callFunctionOn', {
        objectId: receiver.objectId,
        functionDeclaration: 'function (text) { this(text); }',
        arguments: [{ value: JSON.stringify(message) }],
      })
      .catch(() => undefined);
  }

  private windowOpen(url: string, frameName: string, features: string[]): void {
    const details = { url, frameName, features: features.join(','), disposition: 'new-window' };
    const action = this.openHandler ? this.openHandler(details).action : 'allow';
    this.windowOpens.push({ url, action });
    // The stand-in opens no second window either way (volsnap denies all); the popup
    // Chromium made is closed at once. In Electron a denied window.open returns null
    // and no window ever exists.
    if (action === 'allow') console.warn(`[standin] window.open(${url}) allowed, but the stand-in opens no windows`);
  }

  private async request(event: {
    requestId: string;
    request: { url: string; method: string };
    resourceType: string;
    frameId: string;
  }): Promise<void> {
    const cdp = this.cdp!;
    const { url, method } = event.request;
    const isNavigation = event.resourceType === 'Document' && this.frames?.isMain(event.frameId);
    if (isNavigation && this.mainInitiated !== url) {
      const prevented = emitPreventable(this, 'will-navigate', url, false, true);
      this.navigations.push({ url, prevented });
      if (prevented) return void cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Aborted' });
    }
    const allowed = await this.session.allows(url, event.resourceType.toLowerCase(), method);
    if (allowed) await cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
    else await cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
  }
}

export { preventable };
