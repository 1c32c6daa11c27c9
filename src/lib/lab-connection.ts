// The page's side of the lab server: one WebSocket per page, opened only when the page came
// from `npm start` (it has the launch token). Traces become window events any component can
// listen to: 'lab:trace' (BoundaryMap, Timeline, BudgetBar) and 'lab:invoke-start' (BudgetBar).
// The exercises' progress is kept (`progress`) and announced as 'lab:progress' (progress.ts).
// Small on purpose: it runs on every lesson before any interaction; xterm loads later.
import {
  LAB_WS_PATH,
  TOKEN_PARAM,
  parseServerMessage,
  type ClientMessage,
  type ExerciseStatus,
  type ServerMessage,
  type TokenStatus,
} from '../../lab/server/protocol.ts';

const TOKEN_KEY = 'boundary-lab:token';

/**
 * no-token: a static copy of the site, or not opened from `npm start`'s URL;
 * unreachable: no lab answered;
 * old-token: a lab answered, but this tab's token is from an earlier launch;
 * closed: it was connected and the lab stopped.
 */
export type LabState = 'no-token' | 'connecting' | 'open' | 'unreachable' | 'old-token' | 'closed';

/** The token from `?token=` (then removed from the address bar) or from an earlier page. */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    try {
      localStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage off: this page still connects.
    }
    url.searchParams.delete(TOKEN_PARAM);
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export class LabConnection extends EventTarget {
  state: LabState = 'no-token';
  /** The last progress the lab sent (on connect, then on every change); undefined before. */
  progress: ExerciseStatus[] | undefined;
  private socket: WebSocket | undefined;
  private token: string | null;

  constructor() {
    super();
    this.token = window.location.protocol === 'http:' ? takeToken() : null;
    // Another tab opened the URL a new launch printed: its token is this tab's way back in too.
    window.addEventListener('storage', (event) => {
      if (event.key !== TOKEN_KEY || !event.newValue || event.newValue === this.token) return;
      if (this.state !== 'old-token' && this.state !== 'unreachable' && this.state !== 'closed') return;
      this.token = event.newValue;
      this.connect();
    });
  }

  connect(): void {
    if (!this.token || this.state === 'connecting' || this.state === 'open') return;
    this.setState('connecting');
    const url = `ws://${window.location.host}${LAB_WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(this.token)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.setState('open');
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      if (message) this.receive(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (opened) this.setState('closed');
      else void this.whyRefused().then((state) => this.setState(state));
    });
  }

  /** A refused upgrade shows the page no status: a plain GET of the same path says whether the token is old. */
  private async whyRefused(): Promise<LabState> {
    try {
      const response = await fetch(`${LAB_WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(this.token ?? '')}`, {
        cache: 'no-store',
      });
      const body = response.ok ? ((await response.json()) as { token?: TokenStatus }) : {};
      return body.token === 'old' ? 'old-token' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  }

  send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private receive(message: ServerMessage): void {
    if (message.type === 'trace') {
      window.dispatchEvent(new CustomEvent('lab:trace', { detail: message.trace }));
    } else if (message.type === 'invoke-start') {
      window.dispatchEvent(new CustomEvent('lab:invoke-start', { detail: message.start }));
    } else if (message.type === 'progress') {
      this.progress = message.exercises;
      window.dispatchEvent(new CustomEvent('lab:progress', { detail: message.exercises }));
    }
    this.dispatchEvent(new CustomEvent<ServerMessage>('message', { detail: message }));
  }

  private setState(state: LabState): void {
    this.state = state;
    this.dispatchEvent(new CustomEvent<LabState>('state', { detail: state }));
  }
}

let shared: LabConnection | undefined;

/** The page's one connection (created, not yet connected, on first use). */
export function labConnection(): LabConnection {
  shared ??= new LabConnection();
  return shared;
}
