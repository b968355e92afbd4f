import { describe, expect, it } from 'vitest';
import { pageFor } from '../../client/app/routes.ts';

describe('pageFor', () => {
  it('opens dispatch at /dispatch, with or without a trailing slash', () => {
    expect(pageFor('/dispatch')).toBe('dispatch');
    expect(pageFor('/dispatch/')).toBe('dispatch');
  });

  it('opens the planner at /plan, with or without a trailing slash', () => {
    expect(pageFor('/plan')).toBe('plan');
    expect(pageFor('/plan/')).toBe('plan');
  });

  it('opens the command-centre wall at /wall, with or without a trailing slash', () => {
    expect(pageFor('/wall')).toBe('wall');
    expect(pageFor('/wall/')).toBe('wall');
  });

  it('opens the registers at /registers, with or without a trailing slash', () => {
    expect(pageFor('/registers')).toBe('registers');
    expect(pageFor('/registers/')).toBe('registers');
  });

  it('opens the enterprises at /enterprises and the public list at /red-black-list', () => {
    expect(pageFor('/enterprises/')).toBe('enterprises');
    expect(pageFor('/red-black-list')).toBe('red-black-list');
    expect(pageFor('/enterprises/1')).toBe('map');
  });

  it('opens the map anywhere else', () => {
    expect(['/', '', '/dispatcher', '/map', '/dispatch/7', '/planner'].map(pageFor)).toEqual([
      'map',
      'map',
      'map',
      'map',
      'map',
      'map',
    ]);
  });
});
