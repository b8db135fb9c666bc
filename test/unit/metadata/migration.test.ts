// A store written by an earlier schema version (MLMD's v9 layout, before external ids) is
// reopened and migrated forward with its data intact; a newer store is refused; migration can
// be disabled.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import Database from 'better-sqlite3';

import { MetadataStore, SCHEMA_VERSION } from '../../../src/metadata/index.js';
import { SCHEMA_V9 } from '../../../src/metadata/sql/schemaDdl.js';

const dir = mkdtempSync(join(tmpdir(), 'arrowline-mlmd-mig-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function writeV9(path: string): void {
  const db = new Database(path);
  for (const sql of SCHEMA_V9) db.exec(sql);
  db.exec("INSERT INTO Type (name, type_kind) VALUES ('Examples', 1)");
  db.exec("INSERT INTO TypeProperty (type_id, name, data_type) VALUES (1, 'span', 1)");
  db.exec("INSERT INTO Artifact (type_id, uri, state, name, create_time_since_epoch, last_update_time_since_epoch) VALUES (1, '/old', 2, 'old', 1000, 1000)");
  db.exec("INSERT INTO ArtifactProperty (artifact_id, name, is_custom_property, int_value) VALUES (1, 'span', 0, 3)");
  db.close();
}

describe('metadata store schema versions', () => {
  test('a version 9 store is migrated to the current version with its data', () => {
    const path = join(dir, 'v9.sqlite');
    writeV9(path);
    const store = MetadataStore.open(path);
    try {
      assert.equal(store.schemaVersion, SCHEMA_VERSION);
      const [old] = store.getArtifactsByUri('/old');
      assert.equal(old!.name, 'old');
      assert.deepEqual(old!.properties, { span: { intValue: 3 } });
      // the migrated columns work
      const typeId = store.getArtifactType('Examples').id!;
      store.putArtifacts([{ typeId, externalId: 'ext', uri: '/new' }]);
      assert.equal(store.getArtifactsByExternalIds(['ext'])[0]!.uri, '/new');
      assert.throws(() => store.putArtifacts([{ typeId, externalId: 'ext' }]), { code: 'E_ALREADY_EXISTS' });
    } finally {
      store.close();
    }
    const reopened = MetadataStore.open(path);
    assert.equal(reopened.getArtifacts().length, 2);
    reopened.close();
  });

  test('migration disabled: FAILED_PRECONDITION, and the file is left as it was', () => {
    const path = join(dir, 'v9-nomig.sqlite');
    writeV9(path);
    assert.throws(() => MetadataStore.open(path, { migrate: false }), { code: 'E_FAILED_PRECONDITION', message: /Schema migration is disabled: the store has schema version 9/ });
    const db = new Database(path, { readonly: true });
    assert.equal((db.prepare('SELECT schema_version AS v FROM MLMDEnv').get() as { v: number }).v, 9);
    db.close();
  });

  test('a store newer than this library is refused', () => {
    const path = join(dir, 'future.sqlite');
    MetadataStore.open(path).close();
    const db = new Database(path);
    db.exec(`UPDATE MLMDEnv SET schema_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => MetadataStore.open(path), { code: 'E_FAILED_PRECONDITION', message: /newer than this arrowline's/ });
  });
});
