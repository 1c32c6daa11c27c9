// The lab terminal's words (LabTerminal.astro), one key each, as Starlight's i18n dictionaries
// hold them (src/content/i18n/<lang>.json). `<cmd>`, `<path>` and `<lines>` mark where the
// component puts a command, the page's path or a number: i18next leaves them as they are.
import { z } from 'astro/zod';

const text = (what: string) => z.string().describe(what);

export const labTerminalStrings = z.object({
  'labTerminal.title': text('The heading of the terminal box.'),
  'labTerminal.keys': text('The keys the terminal takes and the one that leaves it, shown under the terminal.'),
  'labTerminal.suggestions': text('Accessible name of the group of suggested-command buttons.'),
  'labTerminal.open': text('The button that loads the terminal.'),
  'labTerminal.status.noToken': text('Status: the page has no launch token (not opened from `npm start`).'),
  'labTerminal.status.connecting': text('Status: connecting to the lab.'),
  'labTerminal.status.open': text('Status: connected.'),
  'labTerminal.status.unreachable': text('Status: no lab answered at this address.'),
  'labTerminal.status.oldToken': text('Status: a lab answered, but this tab carries the token of an earlier launch.'),
  'labTerminal.status.closed': text('Status: the lab was connected and stopped.'),
  'labTerminal.offline.lead': text('First words of the box shown when the lab is not connected.'),
  'labTerminal.offline.start': text('How to start the lab; <cmd> is `npm install && npm start`.'),
  'labTerminal.offline.shell': text('The same commands from a shell; <cmd> is the first suggested command.'),
  'labTerminal.offline.oldToken': text(
    'This tab is from an earlier launch; <cmd> is `npm start`, <path> the path of this page.',
  ),
  'labTerminal.trimmed': text('The terminal dropped its oldest lines; <lines> is how many it keeps.'),
});
