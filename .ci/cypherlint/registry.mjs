// The Neo4j 5 functions and procedures that actorgraph's Cypher may call,
// with their signatures as the server reports them (SHOW FUNCTIONS /
// SHOW PROCEDURES). The lint rejects any call to something not listed
// here, so a query that needs a new function must add it here first.

const roles = ['PUBLIC'];

function fn(name, category, signature, args, returns, aggregating = false) {
  return {
    name,
    category,
    description: `${name} (Cypher 5 built-in)`,
    signature,
    isBuiltIn: true,
    argumentDescription: args.map(([argName, type]) => ({ isDeprecated: false, description: argName, name: argName, type })),
    returnDescription: returns,
    aggregating,
    rolesExecution: roles,
    rolesBoostedExecution: [],
    isDeprecated: false,
    deprecatedBy: null,
  };
}

function proc(name, mode, signature, args, returns) {
  return {
    name,
    description: `${name} (Neo4j 5 built-in)`,
    mode,
    worksOnSystem: false,
    signature,
    argumentDescription: args.map(([argName, type]) => ({ isDeprecated: false, description: argName, name: argName, type })),
    returnDescription: returns.map(([retName, type]) => ({ isDeprecated: false, description: retName, name: retName, type })),
    admin: false,
    rolesExecution: roles,
    rolesBoostedExecution: [],
    isDeprecated: false,
    deprecatedBy: null,
    option: { deprecated: false },
  };
}

const functions = [
  fn('all', 'Predicate', 'all(variable :: VARIABLE IN list :: LIST<ANY> WHERE predicate :: ANY) :: BOOLEAN', [['variable', 'ANY'], ['list', 'LIST<ANY>']], 'BOOLEAN'),
  fn('coalesce', 'Scalar', 'coalesce(input :: ANY) :: ANY', [['input', 'ANY']], 'ANY'),
  fn('count', 'Aggregating', 'count(input :: ANY) :: INTEGER', [['input', 'ANY']], 'INTEGER', true),
  fn('sum', 'Aggregating', 'sum(input :: INTEGER | FLOAT | DURATION) :: INTEGER | FLOAT | DURATION', [['input', 'INTEGER | FLOAT | DURATION']], 'INTEGER | FLOAT | DURATION', true),
  fn('collect', 'Aggregating', 'collect(input :: ANY) :: LIST<ANY>', [['input', 'ANY']], 'LIST<ANY>', true),
  fn('nodes', 'List', 'nodes(input :: PATH) :: LIST<NODE>', [['input', 'PATH']], 'LIST<NODE>'),
  fn('size', 'Scalar', 'size(input :: STRING | LIST<ANY>) :: INTEGER', [['input', 'STRING | LIST<ANY>']], 'INTEGER'),
  fn('startNode', 'Scalar', 'startNode(input :: RELATIONSHIP) :: NODE', [['input', 'RELATIONSHIP']], 'NODE'),
  fn('endNode', 'Scalar', 'endNode(input :: RELATIONSHIP) :: NODE', [['input', 'RELATIONSHIP']], 'NODE'),
  fn('type', 'Scalar', 'type(input :: RELATIONSHIP) :: STRING', [['input', 'RELATIONSHIP']], 'STRING'),
];

const procedures = [
  proc('db.index.fulltext.queryNodes', 'READ',
    'db.index.fulltext.queryNodes(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (node :: NODE, score :: FLOAT)',
    [['indexName', 'STRING'], ['queryString', 'STRING'], ['options', 'MAP']], [['node', 'NODE'], ['score', 'FLOAT']]),
  proc('db.awaitIndexes', 'READ', 'db.awaitIndexes(timeOutSeconds = 300 :: INTEGER)', [['timeOutSeconds', 'INTEGER']], []),
];

const byName = (list) => Object.fromEntries(list.map((x) => [x.name, x]));

export const registry = {
  functions: { 'CYPHER 5': byName(functions) },
  procedures: { 'CYPHER 5': byName(procedures) },
};
