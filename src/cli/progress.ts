/**
 * A progress indicator for long CLI work: a bar redrawn in place on a terminal, a line
 * every 10% otherwise (logs, CI).
 */
export function progressBar(total: number, unit: string, err: (line: string) => void, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDecile = -1;
  const line = (done: number) => {
    const ratio = total === 0 ? 1 : done / total;
    const filled = Math.round(ratio * 30);
    const perSecond = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
    return `[${"#".repeat(filled)}${" ".repeat(30 - filled)}] ${Math.floor(ratio * 100)}% ${done}/${total} ${unit}, ${perSecond}/s`;
  };
  return {
    update(done: number) {
      if (stream.isTTY) {
        stream.write(`\r${line(done)}`);
        return;
      }
      const decile = Math.floor((done / Math.max(1, total)) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        err(line(done));
      }
    },
    done() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
