import type { Category, EventState, Grade, Level } from '../../common/grievances.ts';
import type {
  Open311Attribute,
  Open311Service,
  Open311ServiceDefinition,
  Open311ServiceRequest,
  Open311Status,
} from '../../common/open311.ts';
import { badRequest } from '../errors.ts';
import { toW3cDateTime } from './open311-format.ts';

// Our event categories as Open311 services, their attributes, and the mapping of our workflow onto
// the spec's open/closed. Pure: the category rows come from the database (event_categories).

/** An attribute as we define it: the wire fields plus the label it gets in the description. */
export type ServiceAttribute = Open311Attribute & { label: string };

/** Where each category is listed; a category missing here (added in the database) goes to 其他. */
const SERVICE_GROUPS: Partial<Record<Category, string>> = {
  property_service: '物业服务',
  fee_dispute: '物业服务',
  public_revenue: '业主资金',
  maintenance_fund: '业主资金',
  owners_committee: '业主资金',
  elevator_fault: '设施安全',
  fire_safety: '设施安全',
  flood_typhoon: '设施安全',
  utilities: '设施安全',
  sanitation: '环境秩序',
  parking: '环境秩序',
  illegal_construction: '环境秩序',
  neighbour_dispute: '邻里纠纷',
};
const OTHER_GROUP = '其他';

/** The categories that ask for more than a description (metadata: true). */
export const SERVICE_ATTRIBUTES: Partial<Record<Category, ServiceAttribute[]>> = {
  // someone trapped in a car is the first thing the grid member must know
  elevator_fault: [
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
      label: '是否有人被困',
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
      label: '电梯位置',
    },
  ],
  // the flood-season checks of the plan (三(八))
  flood_typhoon: [
    {
      variable: true,
      code: 'hazards',
      datatype: 'multivaluelist',
      required: false,
      datatype_description: null,
      order: 1,
      description: '看到了哪些险情？（可多选）',
      values: [
        { key: 'basement_flooding', name: '地下室或车库进水' },
        { key: 'seepage', name: '屋面或墙体渗漏' },
        { key: 'drain_blocked', name: '排水不畅' },
        { key: 'balcony_objects', name: '阳台花盆等高空坠物隐患' },
        { key: 'fallen_tree', name: '树木倒伏' },
      ],
      label: '险情',
    },
  ],
};

/** Longest accepted free-text attribute value. */
export const ATTRIBUTE_TEXT_MAX = 200;

/** A category row with its default grade, as listServiceRows reads it. */
export type ServiceRow = {
  code: string;
  nameZh: string;
  nameEn: string;
  grade: Grade;
  gradeName: string;
  level: Level;
  deadlineHours: number;
};

export const LEVEL_NAMES: Record<Level, string> = {
  grid: '网格',
  community: '社区',
  street: '街道',
  district: '区',
};

const STATE_NAMES: Record<EventState, string> = {
  reported: '已上报',
  accepted: '已受理',
  dispatched: '已派遣',
  in_progress: '处置中',
  resolved: '已办结',
  closed: '已结案',
  returned: '已退回，待重新分派',
};

/** Open until resolved: the spec's closed means "it has been resolved". */
export const STATE_STATUS: Record<EventState, Open311Status> = {
  reported: 'open',
  accepted: 'open',
  dispatched: 'open',
  in_progress: 'open',
  returned: 'open',
  resolved: 'closed',
  closed: 'closed',
};

/** Our states behind a set of Open311 statuses. */
export function statesForStatuses(statuses: Open311Status[]): EventState[] {
  return (Object.keys(STATE_STATUS) as EventState[]).filter((s) =>
    statuses.includes(STATE_STATUS[s]),
  );
}

/** The service list entry of a category. Every service is `batch`: POST answers with a token. */
export function toOpen311Service(row: ServiceRow): Open311Service {
  return {
    service_code: row.code,
    service_name: row.nameZh,
    description: `${row.nameZh}（${row.nameEn}）：默认${row.grade}${row.gradeName}，${LEVEL_NAMES[row.level]}级处置，时限${row.deadlineHours}小时`,
    metadata: attributesOf(row.code).length > 0,
    type: 'batch',
    keywords: [row.nameEn, row.code].join(', '),
    group: SERVICE_GROUPS[row.code as Category] ?? OTHER_GROUP,
  };
}

/** The service definition of a category (no attributes for most). */
export function toServiceDefinition(code: string): Open311ServiceDefinition {
  return {
    service_code: code,
    attributes: attributesOf(code).map(({ label: _label, ...wire }) => wire),
  };
}

export function attributesOf(code: string): ServiceAttribute[] {
  return SERVICE_ATTRIBUTES[code as Category] ?? [];
}

/**
 * Checks a request's attribute answers against the service definition and turns them into
 * description lines ("是否有人被困：有人被困"). Codes the definition does not know are ignored:
 * clients such as FixMyStreet send their own extra attributes.
 *
 * @example
 * readAttributes('elevator_fault', new Map([['trapped', ['yes']]]))
 * // => ['是否有人被困：有人被困']
 */
export function readAttributes(code: string, answers: Map<string, string[]>): string[] {
  const lines: string[] = [];
  const attributes = [...attributesOf(code)].sort((a, b) => a.order - b.order);
  for (const attr of attributes) {
    if (!attr.variable) continue;
    const field = `attribute[${attr.code}]`;
    const given = [...new Set(answers.get(attr.code) ?? [])];
    if (given.length === 0) {
      if (attr.required) {
        throw badRequest(field, `${field}: required for service ${code} (${attr.description})`);
      }
      continue;
    }
    if (attr.datatype === 'singlevaluelist' || attr.datatype === 'multivaluelist') {
      if (attr.datatype === 'singlevaluelist' && given.length > 1) {
        throw badRequest(field, `${field}: expected one value, got ${given.length}`);
      }
      const names = given.map((key) => {
        const value = attr.values.find((v) => v.key === key);
        if (!value) {
          const keys = attr.values.map((v) => v.key).join(', ');
          throw badRequest(field, `${field}: unknown value ${key}; expected one of: ${keys}`);
        }
        return value.name;
      });
      lines.push(`${attr.label}：${names.join('、')}`);
    } else {
      if (given.length > 1) throw badRequest(field, `${field}: expected one value`);
      const text = given[0]!.replace(/\s+/g, ' ');
      if ([...text].length > ATTRIBUTE_TEXT_MAX) {
        throw badRequest(field, `${field}: at most ${ATTRIBUTE_TEXT_MAX} characters`);
      }
      lines.push(`${attr.label}：${text}`);
    }
  }
  return lines;
}

/** A request row as findOpen311Requests reads it (names of its places joined in). */
export type RequestRow = {
  id: number;
  state: EventState;
  level: Level;
  grade: Grade;
  gradeName: string;
  category: string;
  serviceName: string;
  description: string;
  mediaUrl: string | null;
  lat: number;
  lng: number;
  reportedAt: Date;
  updatedAt: Date;
  deadline: Date;
  duplicateOf: number | null;
  compoundName: string | null;
  gridName: string;
  communityName: string;
  streetName: string;
  districtName: string;
};

/** What a client sees of an event: no reporter, no assignee (a person's name), no internal codes. */
export function toOpen311Request(r: RequestRow): Open311ServiceRequest {
  const agency: Record<Level, string> = {
    grid: r.gridName,
    community: r.communityName,
    street: r.streetName,
    district: `${r.districtName}联合指挥平台`,
  };
  const notes = [`${STATE_NAMES[r.state]}（${LEVEL_NAMES[r.level]}级处置）`];
  if (r.duplicateOf !== null) notes.push(`疑似与 ${r.duplicateOf} 号诉求重复`);
  return {
    service_request_id: String(r.id),
    status: STATE_STATUS[r.state],
    status_notes: notes.join('；'),
    service_name: r.serviceName,
    service_code: r.category,
    description: r.description,
    agency_responsible: agency[r.level],
    service_notice: serviceNotice(r.grade, r.gradeName, r.level),
    requested_datetime: toW3cDateTime(r.reportedAt),
    updated_datetime: toW3cDateTime(r.updatedAt),
    expected_datetime: toW3cDateTime(r.deadline),
    // most specific to most general, as the spec asks
    address: [r.compoundName, r.communityName, r.streetName, r.districtName]
      .filter((p): p is string => !!p)
      .join(', '),
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: r.mediaUrl,
  };
}

export function serviceNotice(grade: Grade, gradeName: string, level: Level): string {
  return `按${grade}${gradeName}事件处置，由${LEVEL_NAMES[level]}级受理`;
}
