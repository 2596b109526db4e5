import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from 'hyparquet-writer';
import { EXPORT_COLUMN_NAMES, PARQUET_EXTRA_COLUMN, type ExportRow } from './export-columns';

// Parquet, written as it streams: rows gather into a row group of ROW_GROUP_ROWS, which
// hyparquet-writer's ParquetWriter encodes and appends; its bytes go to the file in chunks of
// FLUSH_BYTES. Memory therefore holds one row group and one chunk, whatever the export's size;
// only the footer (a few hundred bytes per row group) grows with it.

/**
 * Rows per row group. Measured: 50,000 rows of ~550-byte row_json keep a group near 30 MB of
 * strings while encoding; larger groups compress a little better and cost memory one for one.
 */
export const ROW_GROUP_ROWS = 10_000;
const FLUSH_BYTES = 1 << 20;

const text = (name: string, optional = false): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: optional ? 'OPTIONAL' : 'REQUIRED',
});

/** The schema: the export's columns in order (round_index INT64, finalized_us INT64), then multiplier_value. */
export const PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: EXPORT_COLUMN_NAMES.length + 1 },
  text('game'),
  text('kind'),
  text('round_id'),
  { name: 'round_index', type: 'INT64', repetition_type: 'OPTIONAL' },
  text('multiplier'),
  text('finalized_at'),
  { name: 'finalized_us', type: 'INT64', repetition_type: 'REQUIRED' },
  text('segment', true),
  text('row_json'),
  { name: PARQUET_EXTRA_COLUMN.name, type: 'DOUBLE', repetition_type: 'REQUIRED' },
];

/** hyparquet-writer's buffer, emptied into a file descriptor as it fills instead of growing. */
class FileSink extends ByteWriter {
  constructor(private readonly fd: number) {
    super(FLUSH_BYTES * 2);
  }

  override ensure(size: number): void {
    if (this.index > FLUSH_BYTES) this.flush();
    super.ensure(size);
  }

  flush(): void {
    let written = 0;
    while (written < this.index) written += writeSync(this.fd, new Uint8Array(this.buffer, written, this.index - written));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

export class ParquetRoundWriter {
  private readonly fd: number;
  private readonly parquet: ParquetWriter;
  private group: ExportRow[] = [];
  private closed = false;

  constructor(
    file: string,
    createdBy: string,
    private readonly groupRows = ROW_GROUP_ROWS,
  ) {
    this.fd = openSync(file, 'w');
    this.parquet = new ParquetWriter({ writer: new FileSink(this.fd), schema: PARQUET_SCHEMA, createdBy });
  }

  /** Takes a page of rows; a row group is written each time one fills. */
  add(rows: readonly ExportRow[]): void {
    for (const row of rows) {
      this.group.push(row);
      if (this.group.length === this.groupRows) this.writeGroup();
    }
  }

  /** Writes the last row group and the footer, and closes the file. */
  finish(): void {
    if (this.group.length > 0) this.writeGroup();
    void this.parquet.finish();
    fsyncSync(this.fd);
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private writeGroup(): void {
    const rows = this.group;
    this.group = [];
    const n = rows.length;
    const strings = (pick: (row: ExportRow) => string | null): (string | null)[] => rows.map(pick);
    const roundIndex = rows.map((row) => (row.roundIndex === null ? null : BigInt(row.roundIndex)));
    const finalizedUs = new BigInt64Array(n);
    const multiplierValue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      finalizedUs[i] = BigInt(rows[i]!.finalizedUs);
      multiplierValue[i] = Number(rows[i]!.multiplier);
    }
    const columnData: ColumnSource[] = [
      { name: 'game', data: strings((row) => row.game) },
      { name: 'kind', data: strings((row) => row.kind) },
      { name: 'round_id', data: strings((row) => row.roundId) },
      { name: 'round_index', data: roundIndex },
      { name: 'multiplier', data: strings((row) => row.multiplier) },
      { name: 'finalized_at', data: strings((row) => row.finalizedAt) },
      { name: 'finalized_us', data: finalizedUs },
      { name: 'segment', data: strings((row) => row.segment) },
      // Min/max statistics of whole rows would only repeat two rows in the footer of every group.
      { name: 'row_json', data: strings((row) => row.rowJson), statistics: false },
      { name: PARQUET_EXTRA_COLUMN.name, data: multiplierValue },
    ];
    void this.parquet.write({ columnData, rowGroupSize: n });
  }
}
