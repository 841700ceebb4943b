// The IANA time zones the browser knows, each with its offset from UTC at a given moment,
// and the search the time-zone picker runs over them (issue 7). Pure: the moment is an
// argument, so the offsets (which change with summer time) can be tested.

export interface ZoneOption {
  /** The IANA name, as the API takes it: `America/Sao_Paulo`. */
  id: string;
  /** The offset at the moment asked for: `UTC-3`, `UTC+5:30`, `UTC`. */
  offset: string;
  /** What a search matches: the name with spaces for `/` and `_`, and the offset, in lower case. */
  search: string;
}

/**
 * Browsers list zones by CLDR's names, some of them the tz database's old ones: people look
 * for Kolkata and Kyiv, not Calcutta and Kiev. The current name is offered where the
 * browser (and so the server's Node) knows it.
 */
const CURRENT_NAMES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

function known(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the browser knows by its current name, sorted, UTC first; just UTC in a browser too old to list them. */
export function supportedZones(): string[] {
  let listed: string[];
  try {
    listed = Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
  const zones = listed.map((zone) => (CURRENT_NAMES[zone] && known(CURRENT_NAMES[zone]) ? CURRENT_NAMES[zone] : zone));
  return ['UTC', ...[...new Set(zones)].filter((zone) => zone !== 'UTC').sort()];
}

/** `zone`'s offset from UTC at `at`: `UTC+1`, `UTC-3`, `UTC+5:30`; `UTC` for no offset; '' for an unknown zone. */
export function zoneOffset(zone: string, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(at);
    const gmt = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    return gmt.replace(/^GMT(?:[+-]0)?$/, 'UTC').replace(/^GMT/, 'UTC');
  } catch {
    return '';
  }
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[_/]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export function timeZoneOptions(at: Date, zones: readonly string[] = supportedZones()): ZoneOption[] {
  return zones.map((id) => {
    const offset = zoneOffset(id, at);
    // Searchable as UTC±h and as GMT±h, the two ways people write it.
    return { id, offset, search: `${normalise(id)} ${offset.toLowerCase()} ${offset.toLowerCase().replace('utc', 'gmt')}` };
  });
}

/**
 * The options matching what was typed: every word of it appears in the name or the offset
 * (`sao paulo`, `america/sao`, `utc-3`, `gmt+5:30`). Zones whose city starts with the text
 * come first; an empty text matches all.
 */
export function matchZones(options: readonly ZoneOption[], query: string): ZoneOption[] {
  const words = normalise(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...options];
  const found = options.filter((option) => words.every((word) => option.search.includes(word)));
  const text = words.join(' ');
  const city = (option: ZoneOption) => normalise(option.id.split('/').pop() ?? option.id);
  const rank = (option: ZoneOption) => (normalise(option.id) === text ? 0 : city(option).startsWith(text) ? 1 : 2);
  return found.sort((a, b) => rank(a) - rank(b));
}

/** The option named exactly `value` (case aside), if any. */
export function findZone(options: readonly ZoneOption[], value: string): ZoneOption | undefined {
  const wanted = value.trim().toLowerCase();
  return options.find((option) => option.id.toLowerCase() === wanted);
}
