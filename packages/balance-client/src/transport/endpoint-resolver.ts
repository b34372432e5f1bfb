import { type BalanceQuery, buildQueryString } from './query-string.js';

/** Cloud publication segment: `sm/o/…` (documented) or `sm/a/…` (seen in production code). */
export type CloudSegment = 'o' | 'a';

/** Builds request URLs and remembers, per URL template, which cloud segment works. */
export interface EndpointResolver {
  readonly mode: 'cloud' | 'onprem';
  /** Base URL (ending in `/hs/Exchange/`) for a template, using its current segment. */
  baseUrl(template: string, segment?: CloudSegment): string;
  /** Full URL of a call. */
  url(template: string, query?: BalanceQuery, segment?: CloudSegment): string;
  /** Segment currently used for a template (`undefined` on-prem). */
  segmentFor(template: string): CloudSegment | undefined;
  /** Whether a 403 may be answered by trying the other segment. */
  readonly segmentFallback: boolean;
  /** Records that `segment` works for `template`. */
  remember(template: string, segment: CloudSegment): void;
  /** Segments learned so far (template → segment). */
  learnedSegments(): Record<string, CloudSegment>;
}

/** Input of {@link createEndpointResolver}. */
export type EndpointConfig =
  | {
      readonly mode: 'cloud';
      readonly origin: string;
      readonly applicationId: string;
      readonly segment: CloudSegment;
      readonly segmentOverrides: Readonly<Record<string, CloudSegment>>;
      readonly segmentFallback: boolean;
    }
  | { readonly mode: 'onprem'; readonly baseUrl: string; readonly basePath: string };

/** The other cloud segment. */
export function otherSegment(segment: CloudSegment): CloudSegment {
  return segment === 'o' ? 'a' : 'o';
}

/** Creates the resolver; segment memory is shared by every client built on it (dry-run twins too). */
export function createEndpointResolver(config: EndpointConfig): EndpointResolver {
  const learned = new Map<string, CloudSegment>();
  const segmentFor = (template: string): CloudSegment | undefined =>
    config.mode === 'cloud'
      ? (learned.get(template) ?? config.segmentOverrides[template] ?? config.segment)
      : undefined;
  const baseUrl = (template: string, segment?: CloudSegment): string => {
    if (config.mode === 'onprem') {
      const path = config.basePath === '' ? '' : `/${config.basePath}`;
      return `${config.baseUrl}${path}/hs/Exchange/`;
    }
    const chosen = segment ?? segmentFor(template) ?? config.segment;
    return `${config.origin}/sm/${chosen}/Balance/${encodeURIComponent(config.applicationId)}/hs/Exchange/`;
  };
  return {
    mode: config.mode,
    segmentFallback: config.mode === 'cloud' && config.segmentFallback,
    baseUrl,
    url: (template, query, segment) =>
      `${baseUrl(template, segment)}${encodeURIComponent(template)}${buildQueryString(query)}`,
    segmentFor,
    remember: (template, segment) => {
      if (config.mode === 'cloud') learned.set(template, segment);
    },
    learnedSegments: () => Object.fromEntries(learned),
  };
}
