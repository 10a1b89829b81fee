/** Runs a CLI command in this process with console output captured: one entry per `console.log` / `console.error` call. */
export const captureConsole = async (command: () => Promise<number>): Promise<{ code: number; out: string[]; err: string[] }> => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const code = await command();
    return { code, out: log.mock.calls.map((c) => c.join(' ')), err: error.mock.calls.map((c) => c.join(' ')) };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
};

/** As `captureConsole`, with each stream's output joined into one text. */
export const captureConsoleText = async (command: () => Promise<number>): Promise<{ code: number; out: string; err: string }> => {
  const { code, out, err } = await captureConsole(command);
  return { code, out: out.join('\n'), err: err.join('\n') };
};
