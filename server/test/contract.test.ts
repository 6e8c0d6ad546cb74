import http from 'node:http';
import supertest from 'supertest';
import { contractChecker, takeContractViolations, type OpenApiDocument } from './helpers/contract';

/** The checker that holds every test's answers to the OpenAPI document must itself catch drift. */
const document: OpenApiDocument = {
  paths: {
    '/api/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
    '/api/things/{id}/file': { get: { responses: { '200': { content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } } } },
    '/api/things/mine': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'array' } } } } } } },
  },
  components: { schemas: { Thing: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string', nullable: true } } } } },
};

const answers: Record<string, [number, unknown]> = {
  '/api/things/1': [200, { id: 1, name: null }],
  '/api/things/2': [200, { id: 'two', name: 'x' }],
  '/api/things/3': [409, { error: {} }],
  '/api/things/mine': [200, []],
  '/api/other': [200, {}],
  '/api/nowhere': [404, {}],
  '/api/things/1/file': [200, 'png'],
  '/api/things/2/file': [200, 'pdf'],
};
const listener: http.RequestListener = (req, res) => {
  const [status, body] = answers[req.url ?? ''];
  if (body === 'png' || body === 'pdf') {
    res.setHeader('Content-Type', body === 'png' ? 'image/png' : 'application/pdf');
    res.end(Buffer.from('%file'));
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};
const request = supertest(contractChecker(document).wrap(listener));

afterEach(() => takeContractViolations());

describe('the OpenAPI response checker', () => {
  it('accepts a documented status whose body matches its schema (nullable, $ref), and a literal path before a template', async () => {
    await request.get('/api/things/1').expect(200);
    await request.get('/api/things/mine').expect(200);
    await request.get('/api/nowhere').expect(404);
    await request.get('/api/things/1/file').expect(200);
    expect(takeContractViolations()).toEqual([]);
  });

  it('reports a body that breaks the schema, an undocumented status and an operation missing from the document', async () => {
    await request.get('/api/things/2').expect(200);
    await request.get('/api/things/3').expect(409);
    await request.get('/api/other').expect(200);
    await request.get('/api/things/2/file').expect(200);
    const found = takeContractViolations();
    expect(found).toHaveLength(4);
    expect(found[3]).toMatch(/GET \/api\/things\/\{id\}\/file 200: answered application\/pdf, documented as image\/png/);
    expect(found[0]).toMatch(/GET \/api\/things\/\{id\} 200: the body does not match.*\/id must be integer/);
    expect(found[1]).toMatch(/GET \/api\/things\/\{id\} answered 409, which the document does not list \(it lists 200, 404\)/);
    expect(found[2]).toMatch(/GET \/api\/other answered 200 but is not in the OpenAPI document/);
  });
});
