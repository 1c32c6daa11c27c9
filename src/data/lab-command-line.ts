// How a lab command is written for a learner to type in a shell: one place, imported by the data
// modules that name commands (and free of the manifest and seed imports, so tests can load it).
export const lab = (args: string) => `npm run lab -- ${args}`;
