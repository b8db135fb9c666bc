// Four processes write one SQLite store at once, 500 executions each: nothing is lost, no
// error reaches a caller (busy transactions are retried), and the store stays consistent.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { MetadataStore } from '../../../src/metadata/index.js';

const WRITER = fileURLToPath(new URL('../../helpers/metadataWriter.ts', import.meta.url));

function runWriter(path: string, writer: number, count: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(writer), String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('metadata store under concurrent writers', () => {
  test('4 processes x 500 executions: all recorded, no error surfaces', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrowline-mlmd-'));
    try {
      const path = join(dir, 'metadata.sqlite');
      const results = await Promise.all([0, 1, 2, 3].map((w) => runWriter(path, w, 500)));
      for (const [w, r] of results.entries()) assert.equal(r.code, 0, `writer ${w} failed: ${r.stderr}`);
      const store = MetadataStore.open(path);
      try {
        assert.equal(store.getArtifactTypes().filter((t) => t.name === 'Examples').length, 1, 'the type was registered once');
        const executions = store.getExecutions();
        assert.equal(executions.length, 2000);
        assert.equal(new Set(executions.map((e) => e.name)).size, 2000);
        assert.equal(store.getArtifacts().length, 2000);
        assert.equal(store.getEventsByExecutionIds(executions.map((e) => e.id!)).length, 2000);
        const shared = store.getContextByTypeAndName('pipeline', 'shared')!;
        assert.equal(store.getExecutionsByContext(shared.id!).length, 2000);
        for (let w = 0; w < 4; w++) assert.equal(store.getExecutions({ filterQuery: `name LIKE 'w${w}-%'` }).length, 500);
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
