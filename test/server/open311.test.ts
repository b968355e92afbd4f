import { XMLParser } from 'fast-xml-parser';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/events.ts';
import { CATEGORIES, type GrievanceEvent } from '../../common/grievances.ts';
import type {
  Open311Error,
  Open311Receipt,
  Open311Service,
  Open311ServiceRequest,
  Open311TokenAnswer,
} from '../../common/open311.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import {
  renderOpen311,
  toW3cDateTime,
  type Open311Document,
} from '../../server/open311/open311-format.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// Open311 GeoReport v2 under /open311/v2 on the real server and database: every method in XML and
// JSON, every error, and create → token → request.

let server: TestServer;
let district: string; // a district admin's session token
let point: { lng: number; lat: number }; // inside a grid
let place: { community: string; street: string; districtName: string };
let compound: { id: number; name: string };

const ITEM_TAGS = ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'];
const parser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => ITEM_TAGS.includes(name),
});
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const LIST_ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** The JSON document as the XML parser reads the same tree: text leaves, lists under item tags. */
function asXml(name: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.length === 0
      ? ''
      : { [LIST_ITEM[name]!]: value.map((v) => asXml(LIST_ITEM[name]!, v)) };
  }
  if (value === null) return '';
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXml(k, v)]));
  }
  return String(value);
}

type Res = { status: number; type: string | null; text: string };

async function get(path: string): Promise<Res> {
  const res = await fetch(`${server.url}/open311/v2/${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

async function post(path: string, form: Record<string, string | string[]>): Promise<Res> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  const res = await fetch(`${server.url}/open311/v2/${path}`, { method: 'POST', body });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

const json = <T>(r: Res) => {
  expect(r.type).toBe('application/json; charset=utf-8');
  return JSON.parse(r.text) as T;
};
const xml = (r: Res) => {
  expect(r.type).toBe('text/xml; charset=utf-8');
  expect(r.text.startsWith(DECLARATION)).toBe(true);
  return parser.parse(r.text) as Record<string, unknown>;
};

const countEvents = async () =>
  (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n;

const elevatorForm = (patch: Record<string, string | string[]> = {}) => ({
  api_key: DEMO_INTEGRATION_API_KEY,
  service_code: 'elevator_fault',
  lat: String(point.lat),
  long: String(point.lng),
  description: '2号楼电梯停在两层之间',
  'attribute[trapped]': 'yes',
  ...patch,
});

beforeAll(async () => {
  server = await startTestServer();
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'district', password: DEMO_PASSWORD }),
  });
  district = ((await res.json()) as LoginResult).token;
  const [p] = await server.db.query<{
    lng: number;
    lat: number;
    community: string;
    street: string;
    district_name: string;
  }>(
    `SELECT ST_X(p) AS lng, ST_Y(p) AS lat, cm.name AS community, s.name AS street,
            (SELECT name FROM district LIMIT 1) AS district_name
     FROM (SELECT g.*, ST_PointOnSurface(ST_Difference(g.geom, coalesce(
             (SELECT ST_Union(ST_Buffer(c.geom::geography, 40)::geometry) FROM compounds c
              WHERE c.grid_code = g.code), 'POLYGON EMPTY'::geometry))) AS p
           FROM grids g ORDER BY g.code LIMIT 1) g
     JOIN communities cm ON cm.code = g.community_code JOIN streets s ON s.code = cm.street_code`,
  );
  point = { lng: p!.lng, lat: p!.lat };
  place = { community: p!.community, street: p!.street, districtName: p!.district_name };
  compound = (
    await server.db.query<{ id: number; name: string }>(
      'SELECT id, name FROM compounds ORDER BY id LIMIT 1',
    )
  )[0]!;
});
afterAll(async () => {
  await server?.close();
});

describe('discovery', () => {
  it('lists the endpoint, its spec and both formats, in JSON and XML', async () => {
    const expected = {
      changeset: '2026-11-28T00:00:00Z',
      contact: '鲤城区红色物业指挥平台（区联合指挥平台的物业节点）；接口问题请联系平台运维',
      key_service:
        'POST requests 需要 api_key：即本平台的集成密钥（INTEGRATION_API_KEY），由区指挥中心发放',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${server.url}/open311/v2`,
          changeset: '2026-11-28T00:00:00Z',
          type: 'test',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
    const j = await get('discovery.json');
    expect(j.status).toBe(200);
    expect(json(j)).toEqual(expected);
    const x = await get('discovery.xml');
    expect(x.status).toBe(200);
    expect(xml(x)).toEqual({ discovery: asXml('discovery', expected) });
  });
});

describe('services', () => {
  it('lists every category as a batch service, codes quoted, with group and metadata', async () => {
    const r = await get('services.json');
    expect(r.status).toBe(200);
    const services = json<Open311Service[]>(r);
    expect(services.map((s) => s.service_code)).toEqual([...CATEGORIES]);
    expect(services.find((s) => s.service_code === 'elevator_fault')).toEqual({
      service_code: 'elevator_fault',
      service_name: '电梯故障',
      description: '电梯故障（Elevator fault）：默认L2较大，社区级处置，时限72小时',
      metadata: true,
      type: 'batch',
      keywords: 'Elevator fault, elevator_fault',
      group: '设施安全',
    });
    expect(services.filter((s) => s.metadata).map((s) => s.service_code)).toEqual([
      'elevator_fault',
      'flood_typhoon',
    ]);
    expect(services.find((s) => s.service_code === 'sanitation')).toEqual({
      service_code: 'sanitation',
      service_name: '环境卫生',
      description: '环境卫生（Sanitation）：默认L1一般，网格级处置，时限24小时',
      metadata: false,
      type: 'batch',
      keywords: 'Sanitation, sanitation',
      group: '环境秩序',
    });
  });

  it('serves the same list as XML', async () => {
    const services = json<Open311Service[]>(await get('services.json'));
    const x = xml(await get('services.xml'));
    expect(x).toEqual({ services: asXml('services', services) });
    const first = (x.services as { service: Record<string, string>[] }).service[0]!;
    expect(first.service_code).toBe('property_service');
    expect(first.metadata).toBe('false');
  });
});

describe('service definitions', () => {
  const elevator = {
    service_code: 'elevator_fault',
    attributes: [
      {
        variable: true,
        code: 'trapped',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: '是否有人被困在电梯内？',
        values: [
          { key: 'yes', name: '有人被困' },
          { key: 'no', name: '无人被困' },
        ],
      },
      {
        variable: true,
        code: 'elevator_location',
        datatype: 'string',
        required: false,
        datatype_description: '例如 3号楼2单元东侧电梯',
        order: 2,
        description: '哪一部电梯（楼栋、单元、位置）？',
        values: [],
      },
    ],
  };

  it('gives the attributes of a service in JSON and XML', async () => {
    const j = await get('services/elevator_fault.json');
    expect(j.status).toBe(200);
    expect(json(j)).toEqual(elevator);
    const x = xml(await get('services/elevator_fault.xml'));
    expect(x).toEqual({ service_definition: asXml('service_definition', elevator) });
    const [trapped] = (x.service_definition as { attributes: { attribute: object[] } }).attributes
      .attribute;
    expect(trapped).toMatchObject({ code: 'trapped', required: 'true', datatype_description: '' });
  });

  it('gives a multivaluelist for flood and typhoon hazards', async () => {
    const def = json<{
      attributes: { code: string; datatype: string; values: { key: string }[] }[];
    }>(await get('services/flood_typhoon.json'));
    expect(def.attributes.map((a) => [a.code, a.datatype, a.values.map((v) => v.key)])).toEqual([
      [
        'hazards',
        'multivaluelist',
        ['basement_flooding', 'seepage', 'drain_blocked', 'balcony_objects', 'fallen_tree'],
      ],
    ]);
  });

  it('gives an empty attribute list for a service without metadata', async () => {
    expect(json(await get('services/sanitation.json'))).toEqual({
      service_code: 'sanitation',
      attributes: [],
    });
    expect(xml(await get('services/sanitation.xml'))).toEqual({
      service_definition: { service_code: 'sanitation', attributes: '' },
    });
  });

  it('answers an unknown service_code with 404 in the error list', async () => {
    const j = await get('services/noise.json');
    expect(j.status).toBe(404);
    expect(json(j)).toEqual([{ code: 404, description: 'service_code: noise not found' }]);
    const x = await get('services/noise.xml');
    expect(x.status).toBe(404);
    expect(xml(x)).toEqual({
      errors: { error: [{ code: '404', description: 'service_code: noise not found' }] },
    });
  });
});

describe('POST requests', () => {
  it('creates a request: token → service_request_id → the request, personal data kept back', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
      auth: { token: district },
      transports: ['websocket'],
    });
    const seen: GrievanceEvent[] = [];
    socket.on('grievance:reported', (e) => seen.push(e));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));

    const created = await post(
      'requests.json',
      elevatorForm({
        'attribute[elevator_location]': '2号楼1单元',
        'attribute[unknown_to_us]': 'ignored',
        first_name: '三',
        last_name: '张',
        phone: '13800001234',
        email: 'zhangsan@example.cn',
        device_id: 'dev-1',
        account_id: 'acct-9',
        media_url: 'https://img.example.cn/lift.jpg',
        jurisdiction_id: 'anything',
      }),
    );
    expect(created.status).toBe(200);
    const [receipt, ...more] = json<Open311Receipt[]>(created);
    expect(more).toEqual([]);
    expect(receipt).toEqual({
      token: expect.stringMatching(/^[0-9a-f]{32}$/),
      service_notice: '按L2较大事件处置，由社区级受理',
      account_id: 'acct-9',
    });

    const t = await get(`tokens/${receipt!.token}.json`);
    expect(t.status).toBe(200);
    const [answer] = json<Open311TokenAnswer[]>(t);
    expect(answer).toEqual({
      service_request_id: expect.stringMatching(/^\d+$/),
      token: receipt!.token,
    });
    const id = answer!.service_request_id;

    const r = await get(`requests/${id}.json`);
    expect(r.status).toBe(200);
    const [row] = await server.db.query<{
      reported_at: Date;
      updated_at: Date;
      deadline: Date;
      channel: string;
      reporter_name: string;
      reporter_phone: string;
      photos: string[];
    }>(
      `SELECT reported_at, updated_at, deadline, channel, reporter_name, reporter_phone, photos
       FROM events WHERE id = $1`,
      [Number(id)],
    );
    const china = (d: Date) =>
      `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
    expect(json(r)).toEqual([
      {
        service_request_id: id,
        status: 'open',
        status_notes: '已上报（社区级处置）',
        service_name: '电梯故障',
        service_code: 'elevator_fault',
        description: '2号楼电梯停在两层之间\n是否有人被困：有人被困\n电梯位置：2号楼1单元',
        agency_responsible: place.community,
        service_notice: '按L2较大事件处置，由社区级受理',
        requested_datetime: china(row!.reported_at),
        updated_datetime: china(row!.updated_at),
        expected_datetime: china(row!.deadline),
        address: [place.community, place.street, place.districtName].join(', '),
        address_id: null,
        zipcode: null,
        lat: point.lat,
        long: point.lng,
        media_url: 'https://img.example.cn/lift.jpg',
      },
    ]);
    // stored as the reporter, never answered
    expect(row).toMatchObject({
      channel: 'open311',
      reporter_name: '张三',
      reporter_phone: '13800001234',
      photos: ['https://img.example.cn/lift.jpg'],
    });
    for (const secret of ['张三', '13800001234', 'zhangsan@example.cn', 'dev-1', 'acct-9']) {
      expect(r.text).not.toContain(secret);
      expect((await get(`requests.json?service_request_id=${id}`)).text).not.toContain(secret);
    }
    const [audit] = await server.db.query<{ actor: string; note: string }>(
      'SELECT actor, note FROM event_audit WHERE event_id = $1',
      [Number(id)],
    );
    expect(audit).toEqual({ actor: 'api:open311', note: 'open311' });

    // routed, graded and broadcast like any intake
    await expect.poll(() => seen.map((e) => e.id)).toContain(Number(id));
    expect(seen.find((e) => e.id === Number(id))).toMatchObject({
      channel: 'open311',
      category: 'elevator_fault',
      grade: 'L2',
      level: 'community',
      reporter: { name: '张*', phone: '138****1234' },
    });
    socket.disconnect();
  });

  it('does the round trip in XML', async () => {
    const created = await post('requests.xml', elevatorForm({ description: 'XML 往返' }));
    expect(created.status).toBe(200);
    const receipt = xml(created) as { service_requests: { request: Record<string, string>[] } };
    expect(receipt.service_requests.request).toEqual([
      {
        token: expect.stringMatching(/^[0-9a-f]{32}$/),
        service_notice: '按L2较大事件处置，由社区级受理',
        account_id: '',
      },
    ]);
    const token = receipt.service_requests.request[0]!.token!;
    const t = xml(await get(`tokens/${token}.xml`)) as {
      service_requests: { request: Record<string, string>[] };
    };
    const id = t.service_requests.request[0]!.service_request_id!;
    expect(t.service_requests.request).toEqual([{ service_request_id: id, token }]);
    const asJson = json<Open311ServiceRequest[]>(await get(`requests/${id}.json`));
    expect(asJson[0]!.description).toBe('XML 往返\n是否有人被困：有人被困');
    expect(xml(await get(`requests/${id}.xml`))).toEqual({
      service_requests: asXml('service_requests', asJson),
    });
  });

  it('answers a resubmitted form with the same token and stores it once', async () => {
    const form = elevatorForm({ description: '重复提交的同一份表单' });
    const first = json<Open311Receipt[]>(await post('requests.json', form));
    const before = await countEvents();
    const again = await post('requests.json', { ...form, api_key: DEMO_INTEGRATION_API_KEY });
    expect(again.status).toBe(200);
    expect(json(again)).toEqual(first);
    expect(await countEvents()).toBe(before);
  });

  it('reads attribute[code][] as a multivaluelist', async () => {
    const created = await post('requests.json', {
      api_key: DEMO_INTEGRATION_API_KEY,
      service_code: 'flood_typhoon',
      lat: String(point.lat),
      long: String(point.lng),
      description: '台风过后',
      'attribute[hazards][]': ['seepage', 'fallen_tree', 'seepage'],
    });
    expect(created.status).toBe(200);
    const [{ token }] = json<Open311Receipt[]>(created) as [Open311Receipt];
    const [{ service_request_id: id }] = json<Open311TokenAnswer[]>(
      await get(`tokens/${token}.json`),
    ) as [Open311TokenAnswer];
    const [request] = json<Open311ServiceRequest[]>(await get(`requests/${id}.json`));
    expect(request!.description).toBe('台风过后\n险情：屋面或墙体渗漏、树木倒伏');
    expect(request!.service_notice).toBe('按L3重大事件处置，由街道级受理');
  });

  it('treats empty optional parameters as absent and describes by the service name', async () => {
    const created = await post('requests.json', {
      api_key: DEMO_INTEGRATION_API_KEY,
      service_code: 'sanitation',
      lat: String(point.lat),
      long: String(point.lng),
      description: '',
      address_string: '',
      address_id: '',
      phone: '',
      first_name: '',
      media_url: '',
      account_id: '',
    });
    expect(created.status).toBe(200);
    const [receipt] = json<Open311Receipt[]>(created);
    expect(receipt!.account_id).toBeNull();
    const [{ service_request_id: id }] = json<Open311TokenAnswer[]>(
      await get(`tokens/${receipt!.token}.json`),
    ) as [Open311TokenAnswer];
    const [request] = json<Open311ServiceRequest[]>(await get(`requests/${id}.json`));
    expect([request!.description, request!.media_url]).toEqual(['环境卫生', null]);
    const [row] = await server.db.query<{ reporter_name: string | null }>(
      'SELECT reporter_name, reporter_phone FROM events WHERE id = $1',
      [Number(id)],
    );
    expect(row).toEqual({ reporter_name: null, reporter_phone: null });
  });

  it('locates an address_string by the compound it names, and keeps it beside lat/long', async () => {
    const created = await post('requests.json', {
      api_key: DEMO_INTEGRATION_API_KEY,
      service_code: 'parking',
      address_string: `${compound.name}北门`,
      description: '消防通道被占',
    });
    expect(created.status).toBe(200);
    const [{ token }] = json<Open311Receipt[]>(created) as [Open311Receipt];
    const [{ service_request_id: id }] = json<Open311TokenAnswer[]>(
      await get(`tokens/${token}.json`),
    ) as [Open311TokenAnswer];
    const [row] = await server.db.query<{ compound_id: number }>(
      'SELECT compound_id FROM events WHERE id = $1',
      [Number(id)],
    );
    expect(row!.compound_id).toBe(compound.id);
    const [request] = json<Open311ServiceRequest[]>(await get(`requests/${id}.json`));
    expect(request!.address!.startsWith(`${compound.name}, `)).toBe(true);

    const both = await post('requests.json', {
      api_key: DEMO_INTEGRATION_API_KEY,
      service_code: 'parking',
      lat: String(point.lat),
      long: String(point.lng),
      address_string: '东门岗亭旁',
      description: '车辆乱停',
    });
    const [{ token: t2 }] = json<Open311Receipt[]>(both) as [Open311Receipt];
    const [{ service_request_id: id2 }] = json<Open311TokenAnswer[]>(
      await get(`tokens/${t2}.json`),
    ) as [Open311TokenAnswer];
    const [r2] = json<Open311ServiceRequest[]>(await get(`requests/${id2}.json`));
    expect(r2!.description).toBe('车辆乱停\n地址：东门岗亭旁');
  });

  const FORBIDDEN_MISSING = 'api_key: missing; POST requests needs an API key';
  it.each<[string, Record<string, string | string[]>, number, string]>([
    ['no api_key', { api_key: '' }, 403, FORBIDDEN_MISSING],
    ['a wrong api_key', { api_key: 'not-the-key-at-all' }, 403, 'api_key: invalid API key'],
    ['no service_code', { service_code: '' }, 400, 'service_code: not provided'],
    ['an unknown service_code', { service_code: 'noise' }, 404, 'service_code: noise not found'],
    [
      'no location',
      { lat: '', long: '' },
      400,
      'A full location parameter must be submitted: lat and long (WGS84), or address_string',
    ],
    ['lat without long', { long: '' }, 400, 'long: lat and long must both be sent'],
    [
      'a lat out of range',
      { lat: '95' },
      400,
      'lat: expected a decimal number in [-90, 90] (WGS84)',
    ],
    [
      'only an address_id',
      { lat: '', long: '', address_id: '545483' },
      400,
      'address_id: not supported (no master address repository); send lat and long (WGS84) or address_string',
    ],
    [
      'an address_string naming no compound',
      { lat: '', long: '', address_string: '月球背面' },
      400,
      'address_string: names no residential compound of Licheng District; send lat and long (WGS84)',
    ],
    [
      'a point outside the district',
      { lat: '39.9', long: '116.4' },
      400,
      'location: the point 116.4,39.9 is outside Licheng District',
    ],
    [
      'a missing required attribute',
      { 'attribute[trapped]': '' },
      400,
      'attribute[trapped]: required for service elevator_fault (是否有人被困在电梯内？)',
    ],
    [
      'an unknown attribute value',
      { 'attribute[trapped]': 'maybe' },
      400,
      'attribute[trapped]: unknown value maybe; expected one of: yes, no',
    ],
    [
      'two values for a singlevaluelist',
      { 'attribute[trapped]': ['yes', 'no'] },
      400,
      'attribute[trapped]: expected one value, got 2',
    ],
    ['a bad phone', { phone: 'call me' }, 400, 'phone: expected a phone number of 5–20 digits'],
    [
      'a media_url that is not http(s)',
      { media_url: 'ftp://x/y.jpg' },
      400,
      'media_url: expected an http(s) URL of at most 2048 characters',
    ],
    [
      'a description over the stored limit',
      { description: '长'.repeat(1990) },
      400,
      'description: at most 2000 characters are stored, with the address and attribute lines appended',
    ],
    [
      'a description over the spec limit',
      { description: '长'.repeat(4001) },
      400,
      'description: at most 4000 characters',
    ],
    [
      'a repeated field',
      { service_code: ['sanitation', 'parking'] },
      400,
      'service_code: expected a single value',
    ],
  ])('refuses %s in JSON and XML, storing nothing', async (_case, patch, status, description) => {
    const before = await countEvents();
    const form = { ...elevatorForm(), ...patch };
    const j = await post('requests.json', form);
    expect(j.status).toBe(status);
    expect(json<Open311Error[]>(j)).toEqual([{ code: status, description }]);
    const x = await post('requests.xml', form);
    expect(x.status).toBe(status);
    expect(xml(x)).toEqual({ errors: { error: [{ code: String(status), description }] } });
    expect(await countEvents()).toBe(before);
  });

  it('answers 403 when the api_key field is absent altogether', async () => {
    const { api_key: _omit, ...form } = elevatorForm();
    const r = await post('requests.json', form);
    expect(r.status).toBe(403);
    expect(json(r)).toEqual([{ code: 403, description: FORBIDDEN_MISSING }]);
  });
});

describe('GET requests', () => {
  async function create(service_code: string, description: string): Promise<string> {
    const [{ token }] = json<Open311Receipt[]>(
      await post('requests.json', {
        api_key: DEMO_INTEGRATION_API_KEY,
        service_code,
        lat: String(point.lat),
        long: String(point.lng),
        description,
        first_name: '李四',
        phone: '13900004321',
      }),
    ) as [Open311Receipt];
    const [answer] = json<Open311TokenAnswer[]>(await get(`tokens/${token}.json`));
    return answer!.service_request_id;
  }
  const ids = (r: Res) => json<Open311ServiceRequest[]>(r).map((x) => x.service_request_id);

  it('lists the last 90 days newest first, without personal data, in JSON and XML', async () => {
    const a = await create('fee_dispute', '物业费收费标准不公示');
    const b = await create('fee_dispute', '物业费催缴方式不当');
    const j = await get('requests.json');
    expect(j.status).toBe(200);
    const list = json<Open311ServiceRequest[]>(j);
    expect(list.slice(0, 2).map((x) => x.service_request_id)).toEqual([b, a]);
    expect(j.text).not.toContain('李四');
    expect(j.text).not.toContain('13900004321');
    expect(xml(await get('requests.xml'))).toEqual({
      service_requests: asXml('service_requests', list),
    });
  });

  it('treats empty parameters as absent', async () => {
    expect(ids(await get('requests.json?service_code=&status=&start_date=&end_date='))).toEqual(
      ids(await get('requests.json')),
    );
  });

  it('filters by service_request_id, which overrides every other argument', async () => {
    const a = await create('owners_committee', '业委会换届未公示');
    const b = await create('public_revenue', '公共收益去向不明');
    await server.db.query(
      `UPDATE events SET reported_at = now() - interval '200 days' WHERE id = $1`,
      [Number(a)],
    );
    expect(ids(await get('requests.json'))).not.toContain(a);
    expect(
      ids(
        await get(
          `requests.json?service_request_id=${a},${b}&service_code=sanitation&status=closed`,
        ),
      ),
    ).toEqual([b, a]);
    expect(
      ids(await get(`requests.json?service_request_id=${a}&service_request_id=999999`)),
    ).toEqual([a]);
  });

  it('never lists events filed through other channels (a hotline call is not a public report)', async () => {
    const res = await fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
      body: JSON.stringify({
        channel: 'hotline_12345',
        category: 'neighbour_dispute',
        description: '302室住户李某夜间噪音',
        location: { compoundId: 1 },
      }),
    });
    const { id } = (await res.json()) as { id: number };
    expect(ids(await get(`requests.json?service_request_id=${id}`))).toEqual([]);
    expect(ids(await get('requests.json'))).not.toContain(String(id));
    expect((await get(`requests/${id}.json`)).status).toBe(404);
  });

  it('filters by service_code (comma delimited or repeated) and status', async () => {
    const open = await create('utilities', '停水未通知');
    const done = await create('utilities', '路灯不亮');
    for (const [action, extra] of [
      ['accept', {}],
      ['dispatch', { assignee: '物业维修班' }],
      ['start', {}],
      ['resolve', {}],
    ] as const) {
      const res = await fetch(`${server.url}/api/events/${done}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${district}` },
        body: JSON.stringify({ action, ...extra }),
      });
      expect(res.status, action).toBe(200);
    }
    const utilities = ids(await get('requests.json?service_code=utilities'));
    expect(utilities.slice(0, 2)).toEqual([done, open]);
    expect(ids(await get('requests.json?service_code=utilities,parking'))).toEqual(
      ids(await get('requests.json?service_code=utilities&service_code=parking')),
    );
    expect(ids(await get('requests.json?service_code=utilities&status=closed'))).toEqual([done]);
    expect(ids(await get('requests.json?service_code=utilities&status=open'))).not.toContain(done);
    expect(ids(await get('requests.json?service_code=utilities&status=open,closed'))).toEqual(
      utilities,
    );
    const [closed] = json<Open311ServiceRequest[]>(await get(`requests/${done}.json`));
    // the second report nearby in the same category is flagged by the intake's duplicate check
    expect([closed!.status, closed!.status_notes]).toEqual([
      'closed',
      `已办结（社区级处置）；疑似与 ${open} 号诉求重复`,
    ]);
  });

  it('filters by start_date and end_date with a timezone', async () => {
    const id = await create('sanitation', '垃圾桶满溢');
    const [request] = json<Open311ServiceRequest[]>(await get(`requests/${id}.json`));
    const at = encodeURIComponent(request!.requested_datetime);
    expect(ids(await get(`requests.json?start_date=${at}&end_date=${at}`))).toContain(id);
    expect(ids(await get(`requests.json?end_date=2020-01-01T00:00:00Z`))).toEqual([]);
    expect(xml(await get(`requests.xml?end_date=2020-01-01`))).toEqual({ service_requests: '' });
    expect(ids(await get(`requests.json?start_date=${at}`))).toContain(id);
  });

  it.each([
    [
      'start_date=yesterday',
      'start_date: expected a W3C date-time with a timezone, e.g. 2010-01-01T00:00:00Z',
    ],
    [
      'end_date=2024-02-30',
      'end_date: expected a W3C date-time with a timezone, e.g. 2010-01-01T00:00:00Z',
    ],
    [
      'start_date=2024-01-01T10:00:00',
      'start_date: expected a W3C date-time with a timezone, e.g. 2010-01-01T00:00:00Z',
    ],
    [
      'start_date=2024-01-01T00:00:00Z&end_date=2024-06-01T00:00:00Z',
      'end_date: start_date..end_date may not span more than 90 days',
    ],
    [
      'start_date=2024-02-01T00:00:00Z&end_date=2024-01-01T00:00:00Z',
      'end_date: before start_date',
    ],
    ['status=pending', 'status: unknown status pending; expected open, closed'],
    ['service_code=noise', 'service_code: unknown service_code noise; see services.xml'],
    [
      'service_request_id=12,abc',
      'service_request_id: abc is not a request id (positive integers, comma delimited)',
    ],
  ])('refuses %s with 400 in JSON and XML', async (query, description) => {
    const j = await get(`requests.json?${query}`);
    expect(j.status).toBe(400);
    expect(json(j)).toEqual([{ code: 400, description }]);
    const x = await get(`requests.xml?${query}`);
    expect(x.status).toBe(400);
    expect(xml(x)).toEqual({ errors: { error: [{ code: '400', description }] } });
  });
});

describe('unknown resources', () => {
  it.each([
    ['requests/999999.json', 'service_request_id 999999 not found'],
    ['requests/abc.json', 'service_request_id abc not found'],
    [
      'tokens/0123456789abcdef0123456789abcdef.json',
      'token 0123456789abcdef0123456789abcdef not found',
    ],
    ['tokens/nope.json', 'token nope not found'],
    ['services.csv', 'Unknown Open311 resource: services.csv (append .xml or .json)'],
    ['nothing.json', 'Unknown Open311 resource: GET /open311/v2/nothing.json'],
  ])('answers GET %s with 404', async (path, description) => {
    const r = await get(path);
    expect(r.status).toBe(404);
    if (path.endsWith('.json')) expect(json(r)).toEqual([{ code: 404, description }]);
    else expect(xml(r)).toEqual({ errors: { error: [{ code: '404', description }] } });
  });

  it('answers a POST to anything but requests with 404', async () => {
    const r = await post('services.json', elevatorForm());
    expect(r.status).toBe(404);
    expect(json(r)).toEqual([
      { code: 404, description: 'Unknown Open311 resource: POST /open311/v2/services.json' },
    ]);
  });

  it('answers the XML form of a token and a request that do not exist', async () => {
    const x = await get('requests/999999.xml');
    expect(x.status).toBe(404);
    expect(xml(x)).toEqual({
      errors: { error: [{ code: '404', description: 'service_request_id 999999 not found' }] },
    });
  });
});

describe('rate limit', () => {
  it('answers POST requests beyond the per-minute limit with 429 in the error list', async () => {
    const limited = await startTestServer({ env: { INTAKE_REQUESTS_PER_MINUTE: '1' } });
    try {
      const send = () =>
        fetch(`${limited.url}/open311/v2/requests.xml`, {
          method: 'POST',
          body: new URLSearchParams({ api_key: 'wrong-key-but-counted' }),
        });
      expect((await send()).status).toBe(403);
      const r = await send();
      expect(r.status).toBe(429);
      expect(parser.parse(await r.text())).toEqual({
        errors: {
          error: [
            { code: '429', description: 'Too many reports: at most 1 a minute; retry later' },
          ],
        },
      });
    } finally {
      await limited.close();
    }
  });
});

describe('open311-format', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    const doc: Open311Document = {
      root: 'errors',
      body: [{ code: 400, description: 'a<b>&c\u0001d' }],
    };
    expect(renderOpen311(doc, 'xml')).toEqual({
      contentType: 'text/xml; charset=utf-8',
      body:
        '<?xml version="1.0" encoding="utf-8"?>\n<errors>\n  <error>\n    <code>400</code>\n' +
        '    <description>a&lt;b&gt;&amp;cd</description>\n  </error>\n</errors>\n',
    });
    expect(renderOpen311(doc, 'json')).toEqual({
      contentType: 'application/json; charset=utf-8',
      body: '[{"code":400,"description":"a<b>&c\\u0001d"}]',
    });
  });

  it('writes dates in China time with the offset, to the second', () => {
    expect(toW3cDateTime(new Date('2024-05-01T16:30:05.789Z'))).toBe('2024-05-02T00:30:05+08:00');
  });
});
