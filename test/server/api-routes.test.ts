/**
 * The route table of the SM v2 API (spec §5.2) over plain fetch: statuses,
 * body shapes, the IBM error container, validation of requests.
 */
import { EN_CRN, KEYS, startFixture, WRITER_ROLE, type Fixture } from './server-fixture.js';

let fx: Fixture;
let manager: string;

beforeAll(async () => {
  fx = await startFixture();
  manager = await fx.token(KEYS.manager);
});

afterAll(async () => {
  await fx.close();
});

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Reply> {
  const headers: Record<string, string> = { Authorization: `Bearer ${manager}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType;
  const res = await fetch(`${fx.api}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

function expectError(reply: Reply, status: number, code: string): { message: string; target?: { name: string } } {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual({
    errors: [expect.objectContaining({ code, message: expect.any(String), more_info: expect.stringMatching(/^https:/) })],
    trace: reply.headers.get('x-correlation-id'),
    status_code: status,
  });
  return (reply.body['errors'] as { message: string; target?: { name: string } }[])[0] as {
    message: string;
    target?: { name: string };
  };
}

const prototype = {
  name: 'routes-secret',
  secret_type: 'service_credentials',
  source_service: { instance: { crn: EN_CRN }, role: { crn: WRITER_ROLE } },
};

describe('SM v2 routes', () => {
  it('answers the whole secret lifecycle with the service status codes', async () => {
    const created = await call('POST', '/secrets', prototype);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'routes-secret', secret_type: 'service_credentials', credentials: expect.any(Object) });
    const id = created.body['id'] as string;

    const got = await call('GET', `/secrets/${id}`);
    expect([got.status, typeof got.body['credentials']]).toEqual([200, 'object']);
    const meta = await call('GET', `/secrets/${id}/metadata`);
    expect(meta.status).toBe(200);
    expect(meta.body).not.toHaveProperty('credentials');
    const byName = await call('GET', '/secret_groups/default/secret_types/service_credentials/secrets/routes-secret');
    expect([byName.status, byName.body['id']]).toEqual([200, id]);
    expectError(await call('GET', '/secret_groups/default/secret_types/arbitrary/secrets/routes-secret'), 404, 'not_found');

    const patched = await call('PATCH', `/secrets/${id}/metadata`, { description: 'new' }, 'application/merge-patch+json');
    expect([patched.status, patched.body['description']]).toEqual([200, 'new']);
    const policy = { rotation: { auto_rotate: true, interval: 2, unit: 'day' } };
    expect((await call('PATCH', `/secrets/${id}/metadata`, policy, 'application/merge-patch+json')).status).toBe(200);
    // A rotation fragment merges into the stored policy; a null member keeps its value.
    const merged = await call('PATCH', `/secrets/${id}/metadata`, { rotation: { interval: 5, unit: null } }, 'application/merge-patch+json');
    expect([merged.status, merged.body['rotation']]).toEqual([200, { auto_rotate: true, interval: 5, unit: 'day' }]);

    const rotated = await call('POST', `/secrets/${id}/versions`);
    expect(rotated.status).toBe(201);
    expect(rotated.body['credentials']).toEqual(expect.any(Object));
    const versions = await call('GET', `/secrets/${id}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body['total_count']).toBe(2);
    expect(await call('GET', `/secrets/${id}/versions/previous`)).toMatchObject({ status: 200 });
    const vmeta = await call('GET', `/secrets/${id}/versions/current/metadata`);
    expect(vmeta.body).toMatchObject({ alias: 'current', secret_id: id, secret_type: 'service_credentials' });
    const vpatch = await call(
      'PATCH',
      `/secrets/${id}/versions/${vmeta.body['id'] as string}/metadata`,
      { version_custom_metadata: { a: 'b' } },
      'application/merge-patch+json',
    );
    expect([vpatch.status, vpatch.body['version_custom_metadata']]).toEqual([200, { a: 'b' }]);

    const locked = await call('POST', `/secrets/${id}/locks_bulk`, { locks: [{ name: 'l1' }] });
    expect(locked.status).toBe(201);
    expect(locked.body).toMatchObject({ secret_id: id, secret_name: 'routes-secret', versions: expect.arrayContaining([expect.objectContaining({ locks: ['l1'] })]) });
    const locks = await call('GET', `/secrets/${id}/locks`);
    expect(locks.body).toMatchObject({ total_count: 1, locks: [expect.objectContaining({ name: 'l1' })] });
    const versionLocks = await call('GET', `/secrets/${id}/versions/current/locks`);
    expect(versionLocks.body['total_count']).toBe(1);
    const all = await call('GET', '/secrets_locks');
    expect(all.body['secrets_locks']).toEqual([expect.objectContaining({ secret_id: id })]);
    const refused = expectError(await call('DELETE', `/secrets/${id}`), 412, 'precondition_failed');
    expect(refused.message).toContain('l1');
    expect((await call('DELETE', `/secrets/${id}/locks_bulk?name=l1`)).status).toBe(200);

    const deleted = await call('DELETE', `/secrets/${id}`);
    expect([deleted.status, deleted.body]).toEqual([204, {}]);
    expectError(await call('GET', `/secrets/${id}`), 404, 'not_found');
  });

  it('answers secret group calls', async () => {
    const created = await call('POST', '/secret_groups', { name: 'routes-group', description: 'd' });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    const list = await call('GET', '/secret_groups');
    expect(list.body).toMatchObject({ total_count: expect.any(Number), secret_groups: expect.arrayContaining([expect.objectContaining({ id })]) });
    expect((await call('GET', `/secret_groups/${id}`)).status).toBe(200);
    const patched = await call('PATCH', `/secret_groups/${id}`, { description: 'e' }, 'application/merge-patch+json');
    expect(patched.body).toMatchObject({ name: 'routes-group', description: 'e' });
    expect((await call('DELETE', `/secret_groups/${id}`)).status).toBe(204);
  });

  it('pages lists with total_count and first/next/previous/last', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await call('POST', '/secrets', { ...prototype, name: `paged-${i}`, labels: ['pg'] })).body['id'] as string);
    const page = await call('GET', '/secrets?limit=2&offset=2&match_all_labels=pg&sort=name');
    expect(page.body).toMatchObject({ total_count: 5, limit: 2, offset: 2 });
    expect((page.body['secrets'] as { name: string }[]).map((s) => s.name)).toEqual(['paged-2', 'paged-3']);
    expect(page.body['next']).toEqual({ href: expect.stringContaining('offset=4') });
    expect(page.body['previous']).toEqual({ href: expect.not.stringContaining('offset=') });
    expect(page.body['last']).toEqual({ href: expect.stringContaining('offset=4') });
    expect(page.body['first']).toEqual({ href: expect.stringContaining('/api/v2/secrets?limit=2') });
    const next = await fetch((page.body['next'] as { href: string }).href, { headers: { Authorization: `Bearer ${manager}` } });
    expect(((await next.json()) as { secrets: unknown[] }).secrets).toHaveLength(1);
    const none = await call('GET', '/secrets?secret_types=arbitrary');
    expect(none.body).toMatchObject({ total_count: 0, secrets: [] });
    expectError(await call('GET', '/secrets?limit=5000'), 400, 'bad_request');
    for (const id of ids) await call('DELETE', `/secrets/${id}`);
  });

  it('rejects bad requests in the service error shape', async () => {
    expectError(await call('GET', '/nothing-here'), 404, 'not_found');
    const wrong = await call('PUT', '/secrets');
    expectError(wrong, 405, 'method_not_allowed');
    expect(wrong.headers.get('allow')).toBe('POST, GET');
    expectError(await call('POST', '/secrets', '{"name": '), 400, 'bad_request');
    expectError(await call('POST', '/secrets', '[1]'), 400, 'bad_request');
    expectError(await call('POST', '/secrets', prototype, 'text/plain'), 415, 'unsupported_media_type');
    expectError(await call('PATCH', '/secrets/x/metadata', { name: 'a' }, 'application/json'), 415, 'unsupported_media_type');
    const unknown = expectError(await call('POST', '/secrets', { ...prototype, colour: 'red' }), 400, 'bad_request');
    expect(unknown.target).toEqual({ type: 'field', name: 'colour' });
    const typeErr = expectError(await call('POST', '/secrets', { ...prototype, secret_type: 'arbitrary' }), 400, 'bad_request');
    expect(typeErr.target?.name).toBe('secret_type');
    const big = await call('POST', '/secrets', { ...prototype, description: 'x'.repeat(1024 * 1024 + 10) });
    expectError(big, 413, 'request_entity_too_large');
  });

  it('echoes a caller correlation id as the trace', async () => {
    const res = await fetch(`${fx.api}/secrets/nope`, {
      headers: { Authorization: `Bearer ${manager}`, 'X-Correlation-ID': 'my-trace-123' },
    });
    expect(((await res.json()) as { trace: string }).trace).toBe('my-trace-123');
  });
});
