import { uuidFromSeed, uuidv7 } from './uuid-v7';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('puts the milliseconds first, then version 7 and the RFC 9562 variant', () => {
    // The timestamp of RFC 9562's version 7 example (Appendix A.6): 0x017F22E279B0, Tue Feb 22 2022 19:22:22 UTC.
    const id = uuidv7(0x017f22e279b0);
    expect(id).toMatch(UUID);
    expect(id.startsWith('017f22e2-79b0-7')).toBe(true);
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('orders ids of later milliseconds after earlier ones, whatever their random bits', () => {
    const ids = [0, 1, 255, 256, 2 ** 32, 2 ** 47, 2 ** 48 - 1].map((ms) => uuidv7(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7(2 ** 48 - 1).startsWith('ffffffff-ffff-7')).toBe(true);
  });

  it('never repeats within one millisecond, across refills of its random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => uuidv7(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID);
    // Random bits differ in every position over so many ids: none is stuck at a constant.
    const tails = ids.map((id) => id.replace(/-/g, '').slice(12));
    for (let i = 0; i < tails[0].length; i++) {
      if (i === 0 || i === 4) continue; // the version and variant digits
      expect(new Set(tails.map((t) => t[i])).size).toBeGreaterThan(1);
    }
  });
});

describe('uuidFromSeed', () => {
  it('gives the same version 8 id for the same seed, another for another', () => {
    expect(uuidFromSeed('a')).toBe(uuidFromSeed('a'));
    expect(uuidFromSeed('a')).not.toBe(uuidFromSeed('b'));
    expect(uuidFromSeed('a')[14]).toBe('8');
  });
});
