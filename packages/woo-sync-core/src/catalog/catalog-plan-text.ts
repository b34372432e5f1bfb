import type {
  CatalogEntryKind,
  CatalogPlanData,
  CatalogPlanEntry,
  CategoryTarget,
  FieldChange,
  ProductWrite,
  SaleValue,
} from './catalog-plan.js';
import { type CatalogReason, catalogReasonHelp } from './catalog-reasons.js';
import { utcToLocalText } from './store-time.js';

const KIND_TITLES: Record<CatalogEntryKind, string> = {
  create: 'Create (as draft)',
  adopt: 'Adopt (link an existing product)',
  update: 'Update',
  conflict: 'Conflicts — need a person',
  skip: 'Skipped',
  unchanged: 'Unchanged',
};
const ORDER: CatalogEntryKind[] = ['conflict', 'create', 'adopt', 'update', 'skip', 'unchanged'];

/**
 * The readable dry-run report of a plan (what `plan.toText()` returns).
 *
 * @example
 * ```ts
 * console.log(renderCatalogPlanText(plan.toJSON()));
 * ```
 */
export function renderCatalogPlanText(
  plan: CatalogPlanData,
  options: { includeUnchanged?: boolean } = {},
): string {
  const s = plan.summary;
  const tz = plan.timezone;
  const lines: string[] = [];
  lines.push(
    `Catalog plan — store “${plan.storeId}”, scope ${plan.scope}, made ${plan.createdAt} (hash ${plan.hash.slice(0, 12)})`,
  );
  lines.push(
    `Items: ${s.create} create · ${s.adopt} adopt · ${s.update} update · ${s.unchanged} unchanged · ${s.skip} skip · ${s.conflict} conflict — ${s.productWrites} product writes`,
  );
  const c = s.categories;
  if (plan.scope === 'items') {
    lines.push(
      `Categories: ${c.create} create · ${c.adopt} adopt · ${c.unchanged} mapped · ${c.conflict} conflict`,
    );
  }
  const reasons = Object.entries(s.reasons) as [CatalogReason, number][];
  if (reasons.length > 0) {
    lines.push(`Reasons: ${reasons.map(([r, n]) => `${r} ${n}`).join(' · ')}`);
  }

  const categoryLines = plan.categories.filter((e) => e.kind !== 'unchanged');
  if (categoryLines.length > 0) {
    lines.push('', 'Categories');
    for (const e of categoryLines) {
      const parent = e.parent ? ` under ${describeTarget(e.parent, plan)}` : '';
      lines.push(`  ${e.kind.padEnd(8)} “${e.name}”${parent}${e.detail ? ` — ${e.detail}` : ''}`);
      if (e.reason) lines.push(`           fix: ${catalogReasonHelp[e.reason].fix}`);
    }
  }

  const byKind = new Map<CatalogEntryKind, CatalogPlanEntry[]>();
  for (const entry of plan.entries) {
    const list = byKind.get(entry.kind);
    if (list) list.push(entry);
    else byKind.set(entry.kind, [entry]);
  }
  for (const kind of ORDER) {
    let list = byKind.get(kind);
    // Unchanged entries are only counted, except those with a reason (items gone from Balance).
    if (kind === 'unchanged' && !options.includeUnchanged) list = list?.filter((e) => e.reason);
    if (!list?.length) continue;
    lines.push('', `${KIND_TITLES[kind]} (${list.length})`);
    const seenReasons = new Set<CatalogReason>();
    for (const entry of list) {
      const id = entry.wooId === undefined ? '' : ` → #${entry.wooId}`;
      const reason = entry.reason ? ` [${entry.reason}]` : '';
      lines.push(`  ${entry.sku || '(no SKU)'}  ${entry.name}${id}${reason}`);
      if (entry.detail) lines.push(`      ${entry.detail}`);
      if (entry.kind === 'create' && entry.write) {
        // One line per new product: what it will look like.
        lines.push(`      ${describeCreate(entry.write, tz, plan)}`);
      } else {
        for (const change of entry.changes ?? []) {
          lines.push(`      ${change.field}: ${describeChange(change, tz, plan)}`);
        }
      }
      for (const fieldConflict of entry.conflicts ?? []) {
        lines.push(
          `      ${fieldConflict.field} kept: store ${show(fieldConflict.store, tz, plan)}, Balance ${show(fieldConflict.balance, tz, plan)}, last written ${show(fieldConflict.lastPushed, tz, plan)}`,
        );
      }
      if (entry.reason) seenReasons.add(entry.reason);
    }
    for (const reason of seenReasons) {
      lines.push(
        `  ${reason}: ${catalogReasonHelp[reason].means} Fix: ${catalogReasonHelp[reason].fix}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function describeCreate(write: ProductWrite, tz: string, plan: CatalogPlanData): string {
  const { fields } = write;
  const parts = [`regularPrice ${show(fields.regularPrice, tz, plan)}`];
  if (fields.salePrice) {
    const sale = {
      price: fields.salePrice,
      from: fields.saleFrom ?? null,
      to: fields.saleTo ?? null,
    };
    parts.push(`sale ${show(sale, tz, plan)}`);
  }
  parts.push(`stock ${show(fields.stockQuantity, tz, plan)}`);
  if (write.categories) parts.push(`categories ${show(write.categories, tz, plan)}`);
  return parts.join(' · ');
}

function describeChange(change: FieldChange, tz: string, plan: CatalogPlanData): string {
  if (change.from === null || change.from === undefined) return show(change.to, tz, plan);
  return `${show(change.from, tz, plan)} → ${show(change.to, tz, plan)}`;
}

function isSale(value: unknown): value is SaleValue {
  return typeof value === 'object' && value !== null && 'price' in value && 'from' in value;
}

function isTargets(value: unknown): value is CategoryTarget[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v && 'group' in v);
}

function describeTarget(target: CategoryTarget, plan: CatalogPlanData): string {
  if (target.id !== undefined) return `#${target.id}`;
  const name = plan.categories.find((c) => c.groupUid === target.group)?.name;
  return `new “${name ?? target.group}”`;
}

function show(value: unknown, tz: string, plan: CatalogPlanData): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (isSale(value)) {
    const from = value.from ? utcToLocalText(value.from, tz) : 'now';
    const to = value.to ? utcToLocalText(value.to, tz) : 'open-ended';
    return `${value.price} ${plan.currency} (${from} → ${to}, ${tz})`;
  }
  if (isTargets(value)) return value.map((t) => describeTarget(t, plan)).join(', ') || 'none';
  if (Array.isArray(value)) return value.map((v) => `#${v}`).join(', ') || 'none';
  if (typeof value === 'string') return `“${value}”`;
  return String(value);
}
