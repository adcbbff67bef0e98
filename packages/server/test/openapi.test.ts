import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { RunningServer } from '../src/index.js';
import { serve } from './helpers.js';

describe('GET /v1/openapi.json', () => {
  let server: RunningServer;
  let document: any;
  before(async () => {
    server = await serve();
    const response = await fetch(`${server.url}/v1/openapi.json`);
    assert.equal(response.status, 200, 'served without credentials');
    document = await response.json();
  });
  after(async () => {
    await server.close();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(document.openapi, '3.1.0');
    await SwaggerParser.validate(structuredClone(document));
  });

  it('covers every route the app serves, and nothing it does not', () => {
    const served = new Set(
      server.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
        Object.keys(item).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map((method) => `${method} ${path}`),
      ),
    );
    assert.ok(served.size >= 19, `only ${served.size} routes`);
    assert.deepEqual([...documented].sort(), [...served].sort());
  });

  it('describes the responses of every operation, problems included', () => {
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses ?? {});
        assert.ok(statuses.includes('200'), `${method} ${path} documents 200`);
        if (path === '/v1/openapi.json') continue;
        assert.ok(statuses.includes('401') && statuses.includes('422'), `${method} ${path} documents its problems`);
        assert.ok(operation.responses['401'].content['application/problem+json'], `${method} ${path}: problem+json`);
        if (method === 'post') assert.ok(statuses.includes('409') && statuses.includes('413'), `${method} ${path} documents 409 and 413`);
      }
    }
  });

  it('generates request schemas from the validating zod schemas', () => {
    const send = document.paths['/v1/conversations/{id}/messages'].post.requestBody.content['application/json'].schema;
    const schema = send.$ref ? document.components.schemas[send.$ref.split('/').pop()] : send;
    assert.deepEqual([...schema.required].sort(), ['body', 'messageId']);
    assert.equal(schema.additionalProperties, false, 'unknown fields are refused, as the validator does');
  });
});
