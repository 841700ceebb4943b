import { describe, expect, it } from 'vitest';
import { findZone, matchZones, supportedZones, timeZoneOptions, zoneOffset } from './time-zones.ts';

const WINTER = new Date('2026-01-15T12:00:00Z');
const SUMMER = new Date('2026-07-15T12:00:00Z');

describe('time zones for the picker (issue 7)', () => {
  it('lists the IANA zones, UTC first and once', () => {
    const zones = supportedZones();
    expect(zones[0]).toBe('UTC');
    expect(zones.filter((z) => z === 'UTC')).toHaveLength(1);
    expect(zones).toEqual(expect.arrayContaining(['Europe/Madrid', 'America/Sao_Paulo', 'Asia/Kolkata', 'Europe/Kyiv']));
    // By their current names only: people look for Kolkata and Kyiv.
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).not.toContain('Europe/Kiev');
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('shows the offset at the moment asked for, summer time included', () => {
    expect(zoneOffset('Europe/Madrid', WINTER)).toBe('UTC+1');
    expect(zoneOffset('Europe/Madrid', SUMMER)).toBe('UTC+2');
    expect(zoneOffset('America/Sao_Paulo', WINTER)).toBe('UTC-3');
    expect(zoneOffset('Asia/Kolkata', WINTER)).toBe('UTC+5:30');
    expect(zoneOffset('UTC', WINTER)).toBe('UTC');
    expect(zoneOffset('Europe/London', WINTER)).toBe('UTC');
    expect(zoneOffset('Not/AZone', WINTER)).toBe('');
  });

  it('finds zones by any part of the name, with spaces for underscores, or by offset', () => {
    const options = timeZoneOptions(WINTER);
    const ids = (query: string) => matchZones(options, query).map((o) => o.id);
    expect(ids('sao paulo')).toEqual(['America/Sao_Paulo']);
    expect(ids('America/Sao')).toContain('America/Sao_Paulo');
    expect(ids('madrid')[0]).toBe('Europe/Madrid');
    expect(ids('MADRID')[0]).toBe('Europe/Madrid');
    expect(ids('kolkata')).toEqual(['Asia/Kolkata']);
    expect(ids('gmt+5:30')).toContain('Asia/Kolkata');
    expect(ids('utc+5:30')).toContain('Asia/Kolkata');
    expect(ids('utc+5:30')).not.toContain('Europe/Madrid');
    expect(ids('europe utc+1')).toContain('Europe/Madrid');
    expect(ids('no such place')).toEqual([]);
    expect(ids('  ')).toHaveLength(options.length);
  });

  it('puts the zones whose city starts with the text first', () => {
    const options = timeZoneOptions(WINTER);
    const found = matchZones(options, 'london').map((o) => o.id);
    expect(found[0]).toBe('Europe/London');
    // "Par" matches Paris by its city, Paramaribo too; both cities before a zone matching elsewhere.
    const par = matchZones(options, 'par').map((o) => o.id);
    expect(par.indexOf('Europe/Paris')).toBeLessThan(2);
  });

  it('knows a zone by its exact name only', () => {
    const options = timeZoneOptions(WINTER);
    expect(findZone(options, 'europe/madrid')?.id).toBe('Europe/Madrid');
    expect(findZone(options, 'Madrid')).toBeUndefined();
  });
});
