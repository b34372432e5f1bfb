import type { CheckedDocument } from './document-validation.js';
import type { EndpointContext } from './endpoint-context.js';
import { deterministicGuid } from './seeded-random.js';
import type { StoredDocument, StoredDocumentLine } from './simulator-state.js';

/**
 * Stores a validated document (upsert by uid). A second write of the same uid replaces the
 * document and keeps its `Number`; line uids come from the request when it has them, else
 * from the stored line at the same position, else are derived from the document uid and
 * the position — so a re-PUT of the same lines keeps every line uid.
 *
 * @example
 * ```ts
 * const stored = storeDocument(context.state.sales, 'Sale', checked, context);
 * stored.body.Number; // "000000001"
 * ```
 */
export function storeDocument(
  target: Map<string, StoredDocument>,
  template: string,
  checked: CheckedDocument,
  context: EndpointContext,
): StoredDocument {
  const existing = target.get(checked.uid);
  const number = existing?.number ?? context.nextDocumentNumber(template);
  const now = context.now().toISOString();
  const lines: StoredDocumentLine[] = checked.lines.map((line) => ({
    uid:
      line.requestedUid ??
      existing?.lines[line.index]?.uid ??
      deterministicGuid('balance-simulator:line', `${checked.uid}:${line.index}`),
    item: line.item,
    quantityThousandths: line.quantityThousandths,
    amountTetri: line.amountTetri,
    baseDocument: line.baseDocument,
  }));
  const body: Record<string, unknown> = { ...checked.body, uid: checked.uid, Number: number };
  delete body.DeletionMark;
  if (Array.isArray(checked.body.Items)) {
    body.Items = checked.body.Items.map((raw, index) => {
      const line = { ...(raw as Record<string, unknown>) };
      const stored = lines[index];
      if (stored) line.uid = stored.uid;
      if (line.Number === undefined) line.Number = index + 1;
      return line;
    });
  }
  const document: StoredDocument = {
    template,
    uid: checked.uid,
    number,
    body,
    lines,
    totalTetri: checked.totalTetri,
    deletionMark: false,
    writes: (existing?.writes ?? 0) + 1,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  target.set(checked.uid, document);
  return document;
}

/**
 * The document as `GET ?uid=` returns it.
 *
 * @example
 * ```ts
 * renderStoredDocument(stored).Items; // lines with their uids
 * ```
 */
export function renderStoredDocument(document: StoredDocument): Record<string, unknown> {
  const body = structuredClone(document.body);
  if (document.deletionMark) body.DeletionMark = true;
  return body;
}
