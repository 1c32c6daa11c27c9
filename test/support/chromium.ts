/**
 * Debian's chromium, never a downloaded browser. The flags keep it off the network: without the
 * background-networking ones it keeps trying hosts this machine cannot reach.
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
