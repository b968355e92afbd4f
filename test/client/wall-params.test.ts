import { describe, expect, it } from 'vitest';
import { fitCanvas, parseWallParams, tourStop } from '../../client/features/wall/wall-params.ts';

describe('parseWallParams', () => {
  it('tours every 60 s over the district by default, silently', () => {
    expect(parseWallParams('')).toEqual({
      tourSeconds: 60,
      street: null,
      sound: false,
      historyDays: 90,
    });
  });

  it('reads the tour period, clamped to 10 s … 1 h, and 0 for no tour', () => {
    expect(parseWallParams('?tour=30&sound=1').tourSeconds).toBe(30);
    expect(parseWallParams('?tour=2').tourSeconds).toBe(10);
    expect(parseWallParams('?tour=99999').tourSeconds).toBe(3600);
    expect(parseWallParams('?tour=0').tourSeconds).toBe(0);
    expect(parseWallParams('?tour=abc').tourSeconds).toBe(60);
    expect(parseWallParams('?sound=1').sound).toBe(true);
  });

  it('stays on a given street without touring, and ignores a malformed code', () => {
    expect(parseWallParams('?street=350502004000&tour=30')).toEqual({
      tourSeconds: 0,
      street: '350502004000',
      sound: false,
      historyDays: 90,
    });
    expect(parseWallParams('?street=kaiyuan').street).toBeNull();
  });

  it('reads the heat layer window in days, 1 … 3650', () => {
    expect(parseWallParams('?history=365').historyDays).toBe(365);
    expect(parseWallParams('?history=0').historyDays).toBe(90);
    expect(parseWallParams('?history=4000').historyDays).toBe(90);
    expect(parseWallParams('?history=1.5').historyDays).toBe(90);
  });
});

describe('tourStop', () => {
  it('goes district, each street, district again', () => {
    expect([0, 1, 2, 3, 4].map((step) => tourStop(['a', 'b'], step))).toEqual([
      null,
      'a',
      'b',
      null,
      'a',
    ]);
  });

  it('stays on the district without streets', () => {
    expect(tourStop([], 5)).toBeNull();
  });
});

describe('fitCanvas', () => {
  it('fills a 16:9 screen exactly', () => {
    expect(fitCanvas(1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
    expect(fitCanvas(3840, 2160)).toEqual({ scale: 2, left: 0, top: 0 });
  });

  it('letterboxes other aspects without distortion', () => {
    expect(fitCanvas(1920, 1200)).toEqual({ scale: 1, left: 0, top: 60 });
    expect(fitCanvas(2560, 1080)).toEqual({ scale: 1, left: 320, top: 0 });
  });
});
