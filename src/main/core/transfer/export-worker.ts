import { parentPort, workerData } from 'node:worker_threads';
import { exportJobSchema, failureOf, openExport, writeExport, type ExportCommand, type ExportReport } from './export-job';

// Runs one app export on its own thread (export-runner.ts starts it), so encoding a Parquet row
// group never holds up the main process. A cancel aborts the export the way an inline one is
// aborted: RoundExport removes its temporary file before the thread reports and ends.

const port = parentPort;
if (!port) throw new Error('export-worker must run as a worker thread');
const job = exportJobSchema.parse(workerData);
const controller = new AbortController();
const report = (message: ExportReport): void => port.postMessage(message);
const onCommand = (command: ExportCommand): void => {
  if (command.type === 'cancel') controller.abort();
};
port.on('message', onCommand);

async function run(): Promise<void> {
  let exporter;
  try {
    exporter = openExport(job);
  } catch (error) {
    report({ type: 'not-opened', failure: failureOf(error) });
    return;
  }
  report({ type: 'opened', total: exporter.total });
  const outcome = await writeExport(exporter, job, controller.signal, (rows) => report({ type: 'progress', rows }));
  report({ type: 'ended', outcome });
}

// Nothing more to listen for after the last report: the thread then ends on its own.
void run().finally(() => port.off('message', onCommand));
