// A strategy stored before 年度目標がない年度の判定 existed (no `interimJudgement` in IndexedDB) is
// judged with adopted targets only and written to a file with the setting filled in.
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { interimJudgementOf } from '../../src/domain/entities/strategy';
import { exportOptions, sample } from './helpers';

describe('a strategy stored without interimJudgement', () => {
  it('reads as adopted targets only and is exported as such', async () => {
    const { records } = sample();
    const { interimJudgement: _dropped, ...old } = records.strategy;
    const stored = { ...records, strategy: old as typeof records.strategy };
    expect(interimJudgementOf(stored.strategy)).toBe('adoptedOnly');
    const file = await serializeBundle(stored, exportOptions());
    const parsed = await parseBundle(file.json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.records.strategy.interimJudgement).toBe('adoptedOnly');
  });
});
