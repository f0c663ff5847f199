import { createRoute } from '@hono/zod-openapi';
import { commonErrors } from '../lib/errors-openapi.ts';
import { ErrorSchema } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';
import { compareScenarios, createScenario, deleteScenario, getScenario, listScenarios, scenarioCoverage } from './queries.ts';
import {
  CompareQuery, Scenario, ScenarioCompare, ScenarioCoverage, ScenarioCreated, ScenarioDeleteQuery, ScenarioIdParam,
  ScenarioInput, ScenarioList,
} from './schema.ts';

const json = <T,>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  ...commonErrors,
  409: json(ErrorSchema, '版本冲突 / version conflict'),
  413: json(ErrorSchema, '请求体过大 / payload too large'),
};

const create = createRoute({
  method: 'post',
  path: '/scenarios',
  tags: ['scenarios'],
  summary: '保存方案 / save a scenario (hypothetical new sites, ≤ 500)',
  request: { body: { content: { 'application/json': { schema: ScenarioInput } }, required: true } },
  responses: { 201: json(ScenarioCreated, 'created'), ...errors },
});

const list = createRoute({
  method: 'get',
  path: '/scenarios',
  tags: ['scenarios'],
  summary: '方案列表 / scenarios, newest first',
  responses: { 200: json(ScenarioList, 'scenarios'), ...errors },
});

const compare = createRoute({
  method: 'get',
  path: '/scenarios/compare',
  tags: ['scenarios'],
  summary: '方案对比 / two scenarios side by side (coverage before/after, per child region)',
  request: { query: CompareQuery },
  responses: { 200: json(ScenarioCompare, 'comparison'), ...errors },
});

const one = createRoute({
  method: 'get',
  path: '/scenarios/{id}',
  tags: ['scenarios'],
  summary: '单个方案 / one scenario with its sites',
  request: { params: ScenarioIdParam },
  responses: { 200: json(Scenario, 'scenario'), ...errors },
});

const remove = createRoute({
  method: 'delete',
  path: '/scenarios/{id}',
  tags: ['scenarios'],
  summary: '删除方案 / soft-delete a scenario (optional ?version= for optimistic concurrency)',
  request: { params: ScenarioIdParam, query: ScenarioDeleteQuery },
  responses: { 200: json(ScenarioCreated, 'deleted: id and new version'), ...errors },
});

const coverage = createRoute({
  method: 'get',
  path: '/scenarios/{id}/coverage',
  tags: ['scenarios'],
  summary: '方案覆盖率 / coverage before (existing facilities) and after (plus the scenario sites)',
  request: { params: ScenarioIdParam },
  responses: { 200: json(ScenarioCoverage, 'before / after'), ...errors },
});

export const scenariosRouter = createRouter()
  .openapi(create, async (c) => {
    const row = await createScenario(c.var.db, c.req.valid('json'));
    return c.json(row, 201);
  })
  .openapi(list, async (c) => c.json({ scenarios: await listScenarios(c.var.db) }, 200))
  .openapi(compare, async (c) => {
    const { a, b } = c.req.valid('query');
    return c.json(await compareScenarios(c.var.db, a, b), 200);
  })
  .openapi(one, async (c) => c.json(await getScenario(c.var.db, c.req.valid('param').id), 200))
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await deleteScenario(c.var.db, id, c.req.valid('query').version), 200);
  })
  .openapi(coverage, async (c) => c.json(await scenarioCoverage(c.var.db, c.req.valid('param').id), 200));
