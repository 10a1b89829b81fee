/** Parses `--name value` pairs; refuses unknown options and missing values so typos never pass silently. */
export const parseOptions = (args: readonly string[], known: readonly string[]): Record<string, string | undefined> => {
  const options: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '');
    if (!args[i].startsWith('--') || !known.includes(name)) throw new Error(`unknown option ${args[i]} (known: ${known.map((k) => `--${k}`).join(', ')})`);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`option --${name} needs a value`);
    options[name] = value;
  }
  return options;
};
