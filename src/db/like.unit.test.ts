// LIKE patterns from what a person typed: the wildcards and the escape character match themselves.
import { describe, expect, it } from 'vitest';
import { containsPattern, prefixPattern } from './like.ts';

describe('LIKE patterns', () => {
  it('containsPattern escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('prefixPattern escapes them too and matches only the start', () => {
    expect(prefixPattern('ana_%')).toBe('ana\\_\\%%');
  });
});
