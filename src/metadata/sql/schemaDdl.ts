/**
 * The SQLite schema (reference/mlmd.md §6: MLMD's tables, columns, keys and indices, schema
 * version 10) and the forward migrations from earlier versions. MLMDEnv holds the version; a
 * database newer than this library is refused, an older one is migrated when the store is
 * opened with migration enabled (the default for arrowline's own stores).
 */
export const SCHEMA_VERSION = 10;

const PROPERTY_COLUMNS = `name VARCHAR(255) NOT NULL, is_custom_property TINYINT(1) NOT NULL,
  int_value INT, double_value DOUBLE, string_value TEXT, byte_value BLOB, proto_value BLOB, bool_value BOOLEAN`;

export const CREATE_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS Type (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255) NOT NULL, version VARCHAR(255),
    type_kind TINYINT(1) NOT NULL, description TEXT, input_type TEXT, output_type TEXT, external_id VARCHAR(255) UNIQUE, base_type INT)`,
  'CREATE TABLE IF NOT EXISTS ParentType (type_id INT NOT NULL, parent_type_id INT NOT NULL, PRIMARY KEY (type_id, parent_type_id))',
  'CREATE TABLE IF NOT EXISTS TypeProperty (type_id INT NOT NULL, name VARCHAR(255) NOT NULL, data_type INT NULL, PRIMARY KEY (type_id, name))',
  `CREATE TABLE IF NOT EXISTS Artifact (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL, uri TEXT, state INT, name VARCHAR(255),
    external_id VARCHAR(255) UNIQUE, create_time_since_epoch INT NOT NULL DEFAULT 0, last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))`,
  `CREATE TABLE IF NOT EXISTS ArtifactProperty (artifact_id INT NOT NULL, ${PROPERTY_COLUMNS}, PRIMARY KEY (artifact_id, name, is_custom_property))`,
  `CREATE TABLE IF NOT EXISTS Execution (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL, last_known_state INT, name VARCHAR(255),
    external_id VARCHAR(255) UNIQUE, create_time_since_epoch INT NOT NULL DEFAULT 0, last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))`,
  `CREATE TABLE IF NOT EXISTS ExecutionProperty (execution_id INT NOT NULL, ${PROPERTY_COLUMNS}, PRIMARY KEY (execution_id, name, is_custom_property))`,
  `CREATE TABLE IF NOT EXISTS Context (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL, name VARCHAR(255) NOT NULL,
    external_id VARCHAR(255) UNIQUE, create_time_since_epoch INT NOT NULL DEFAULT 0, last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))`,
  `CREATE TABLE IF NOT EXISTS ContextProperty (context_id INT NOT NULL, ${PROPERTY_COLUMNS}, PRIMARY KEY (context_id, name, is_custom_property))`,
  'CREATE TABLE IF NOT EXISTS ParentContext (context_id INT NOT NULL, parent_context_id INT NOT NULL, PRIMARY KEY (context_id, parent_context_id))',
  `CREATE TABLE IF NOT EXISTS Event (id INTEGER PRIMARY KEY AUTOINCREMENT, artifact_id INT NOT NULL, execution_id INT NOT NULL, type INT NOT NULL,
    milliseconds_since_epoch INT, UNIQUE (artifact_id, execution_id, type))`,
  'CREATE TABLE IF NOT EXISTS EventPath (event_id INT NOT NULL, is_index_step TINYINT(1) NOT NULL, step_index INT, step_key TEXT)',
  'CREATE TABLE IF NOT EXISTS Association (id INTEGER PRIMARY KEY AUTOINCREMENT, context_id INT NOT NULL, execution_id INT NOT NULL, UNIQUE (context_id, execution_id))',
  'CREATE TABLE IF NOT EXISTS Attribution (id INTEGER PRIMARY KEY AUTOINCREMENT, context_id INT NOT NULL, artifact_id INT NOT NULL, UNIQUE (context_id, artifact_id))',
  'CREATE TABLE IF NOT EXISTS MLMDEnv (schema_version INTEGER PRIMARY KEY)',
];

export const CREATE_INDICES: readonly string[] = [
  'CREATE INDEX IF NOT EXISTS idx_artifact_uri ON Artifact(uri)',
  'CREATE INDEX IF NOT EXISTS idx_artifact_create_time_since_epoch ON Artifact(create_time_since_epoch)',
  'CREATE INDEX IF NOT EXISTS idx_artifact_last_update_time_since_epoch ON Artifact(last_update_time_since_epoch)',
  'CREATE INDEX IF NOT EXISTS idx_execution_create_time_since_epoch ON Execution(create_time_since_epoch)',
  'CREATE INDEX IF NOT EXISTS idx_execution_last_update_time_since_epoch ON Execution(last_update_time_since_epoch)',
  'CREATE INDEX IF NOT EXISTS idx_context_create_time_since_epoch ON Context(create_time_since_epoch)',
  'CREATE INDEX IF NOT EXISTS idx_context_last_update_time_since_epoch ON Context(last_update_time_since_epoch)',
  'CREATE INDEX IF NOT EXISTS idx_event_execution_id ON Event(execution_id)',
  'CREATE INDEX IF NOT EXISTS idx_parentcontext_parent_context_id ON ParentContext(parent_context_id)',
  'CREATE INDEX IF NOT EXISTS idx_type_name ON Type(name)',
  'CREATE INDEX IF NOT EXISTS idx_eventpath_event_id ON EventPath(event_id)',
  'CREATE INDEX IF NOT EXISTS idx_artifact_property_int ON ArtifactProperty(name, is_custom_property, int_value)',
  'CREATE INDEX IF NOT EXISTS idx_artifact_property_string ON ArtifactProperty(name, is_custom_property, string_value)',
  'CREATE INDEX IF NOT EXISTS idx_execution_property_string ON ExecutionProperty(name, is_custom_property, string_value)',
  'CREATE INDEX IF NOT EXISTS idx_context_property_string ON ContextProperty(name, is_custom_property, string_value)',
  'CREATE INDEX IF NOT EXISTS idx_attribution_artifact_id ON Attribution(artifact_id)',
  'CREATE INDEX IF NOT EXISTS idx_association_execution_id ON Association(execution_id)',
];

/**
 * Forward migrations: MIGRATIONS[v] takes a database at version v to v + 1. Version 9 stores
 * (the layout before external ids) gain the external_id columns and the type's base_type.
 */
export const MIGRATIONS: Readonly<Record<number, readonly string[]>> = {
  9: [
    'ALTER TABLE Type ADD COLUMN external_id VARCHAR(255)',
    'ALTER TABLE Type ADD COLUMN base_type INT',
    'ALTER TABLE Artifact ADD COLUMN external_id VARCHAR(255)',
    'ALTER TABLE Execution ADD COLUMN external_id VARCHAR(255)',
    'ALTER TABLE Context ADD COLUMN external_id VARCHAR(255)',
    'CREATE UNIQUE INDEX IF NOT EXISTS idx_type_external_id ON Type(external_id)',
    'CREATE UNIQUE INDEX IF NOT EXISTS idx_artifact_external_id ON Artifact(external_id)',
    'CREATE UNIQUE INDEX IF NOT EXISTS idx_execution_external_id ON Execution(external_id)',
    'CREATE UNIQUE INDEX IF NOT EXISTS idx_context_external_id ON Context(external_id)',
  ],
};

/** The version 9 layout, kept so that tests can write an old store and watch it migrate. */
export const SCHEMA_V9: readonly string[] = [
  `CREATE TABLE Type (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255) NOT NULL, version VARCHAR(255), type_kind TINYINT(1) NOT NULL,
    description TEXT, input_type TEXT, output_type TEXT)`,
  'CREATE TABLE ParentType (type_id INT NOT NULL, parent_type_id INT NOT NULL, PRIMARY KEY (type_id, parent_type_id))',
  'CREATE TABLE TypeProperty (type_id INT NOT NULL, name VARCHAR(255) NOT NULL, data_type INT NULL, PRIMARY KEY (type_id, name))',
  `CREATE TABLE Artifact (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL, uri TEXT, state INT, name VARCHAR(255),
    create_time_since_epoch INT NOT NULL DEFAULT 0, last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))`,
  `CREATE TABLE ArtifactProperty (artifact_id INT NOT NULL, ${PROPERTY_COLUMNS}, PRIMARY KEY (artifact_id, name, is_custom_property))`,
  `CREATE TABLE Execution (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL, last_known_state INT, name VARCHAR(255),
    create_time_since_epoch INT NOT NULL DEFAULT 0, last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))`,
  `CREATE TABLE ExecutionProperty (execution_id INT NOT NULL, ${PROPERTY_COLUMNS}, PRIMARY KEY (execution_id, name, is_custom_property))`,
  `CREATE TABLE Context (id INTEGER PRIMARY KEY AUTOINCREMENT, type_id INT NOT NULL, name VARCHAR(255) NOT NULL,
    create_time_since_epoch INT NOT NULL DEFAULT 0, last_update_time_since_epoch INT NOT NULL DEFAULT 0, UNIQUE (type_id, name))`,
  `CREATE TABLE ContextProperty (context_id INT NOT NULL, ${PROPERTY_COLUMNS}, PRIMARY KEY (context_id, name, is_custom_property))`,
  'CREATE TABLE ParentContext (context_id INT NOT NULL, parent_context_id INT NOT NULL, PRIMARY KEY (context_id, parent_context_id))',
  `CREATE TABLE Event (id INTEGER PRIMARY KEY AUTOINCREMENT, artifact_id INT NOT NULL, execution_id INT NOT NULL, type INT NOT NULL,
    milliseconds_since_epoch INT, UNIQUE (artifact_id, execution_id, type))`,
  'CREATE TABLE EventPath (event_id INT NOT NULL, is_index_step TINYINT(1) NOT NULL, step_index INT, step_key TEXT)',
  'CREATE TABLE Association (id INTEGER PRIMARY KEY AUTOINCREMENT, context_id INT NOT NULL, execution_id INT NOT NULL, UNIQUE (context_id, execution_id))',
  'CREATE TABLE Attribution (id INTEGER PRIMARY KEY AUTOINCREMENT, context_id INT NOT NULL, artifact_id INT NOT NULL, UNIQUE (context_id, artifact_id))',
  'CREATE TABLE MLMDEnv (schema_version INTEGER PRIMARY KEY)',
  'INSERT INTO MLMDEnv (schema_version) VALUES (9)',
];
