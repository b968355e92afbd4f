import { describe, expect, it } from 'vitest';
import { pageFor } from '../../client/app/routes.ts';

describe('pageFor', () => {
  it('opens dispatch at /dispatch, with or without a trailing slash', () => {
    expect(pageFor('/dispatch')).toBe('dispatch');
    expect(pageFor('/dispatch/')).toBe('dispatch');
  });

  it('opens the map anywhere else', () => {
    expect(['/', '', '/dispatcher', '/map', '/dispatch/7'].map(pageFor)).toEqual([
      'map',
      'map',
      'map',
      'map',
      'map',
    ]);
  });
});
